"""The shopper's cart, checkout and orders on a market host (included once by asoud/urls_tenant.py)."""

from django.urls import include, path

from .views import checkout, orders

checkout_patterns = [
    path("", checkout.checkout_start, name="start"),
    path("address/", checkout.checkout_address, name="address"),
    path("shipping/", checkout.checkout_shipping, name="shipping"),
    path("payment/", checkout.checkout_payment, name="payment"),
    path("review/", checkout.checkout_review, name="review"),
    path("place/", checkout.checkout_place, name="place"),
    path("callback/", checkout.checkout_callback, name="callback"),
]

order_patterns = [
    path("", orders.orders_list, name="list"),
    path("<str:number>/", orders.order_detail, name="detail"),
    path("<str:number>/invoice/", orders.order_invoice, name="invoice"),
    path("<str:number>/cancel/", orders.order_cancel, name="cancel"),
]

urlpatterns = [
    path("cart/", include("storefront.cart.urls")),
    path("checkout/", include((checkout_patterns, "checkout"))),
    path("orders/", include((order_patterns, "orders"))),
]
