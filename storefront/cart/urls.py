from django.urls import path

from . import views

app_name = "cart"

urlpatterns = [
    path("", views.cart_detail, name="detail"),
    path("add/", views.cart_add, name="add"),
    path("mini/", views.mini_cart, name="mini"),
    path("items/<int:item_id>/", views.cart_item_change, name="item_change"),
    path("items/<int:item_id>/remove/", views.cart_item_delete, name="item_remove"),
]
