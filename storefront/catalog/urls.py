from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_control

from . import views
from .sitemaps import SITEMAPS

app_name = "storefront"

_hourly = cache_control(public=True, max_age=3600)

urlpatterns = [
    path("", views.home, name="home"),
    path("products/", views.listing, name="products"),
    path("c/<str:slug>/", views.listing, name="category"),
    path("p/<str:slug>/", views.product, name="product"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        _hourly(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "storefront:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        _hourly(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
