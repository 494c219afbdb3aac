from django.urls import path

from . import views

app_name = "marketplace"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("markets/", views.directory, name="directory"),
]
