from django.urls import path

from . import views

app_name = "affiliates"

urlpatterns = [
    path("marketer/", views.dashboard, name="dashboard"),
    path("marketer/join/", views.join, name="join"),
    path("marketer/catalogue/", views.catalogue, name="catalogue"),
    path("marketer/links/", views.link_add, name="link_add"),
    path("marketer/links/<int:link_id>/toggle/", views.link_toggle, name="link_toggle"),
    path("marketer/links/<int:link_id>/remove/", views.link_remove, name="link_remove"),
    path("marketer/page/", views.page_edit, name="page_edit"),
    path("marketer/withdraw/", views.withdraw, name="withdraw"),
    path("r/<str:code>", views.click, name="click"),
    path("@<str:handle>", views.link_page, name="link_page"),
]
