"""Placing orders the way a shopper does (through the checkout pages) or directly (the service)."""

from storefront.cart.models import Cart
from storefront.cart.services import cart_item_add
from storefront.orders.models import Order
from storefront.orders.services import order_place

from storefront.cart.tests.factories import address_make


def cart_with(user, *lines) -> Cart:
    cart, _ = Cart.objects.get_or_create(user_id=user.pk)
    for product, quantity in lines:
        cart_item_add(cart=cart, product=product, quantity=quantity)
    return cart


def place(user, *lines, method, payment=Order.PaymentMethod.CASH, address=None) -> Order:
    cart = cart_with(user, *lines)
    address = address or user.addresses.first() or address_make(user)
    return order_place(user=user, cart=cart, address=address, shipping_method=method, payment_method=payment)


def checkout_through_pages(client, *, address, method, payment: str):
    """Address → delivery → payment → review → place, as forms posted by a browser without JS."""
    assert client.post("/checkout/address/", {"address": address.pk})["Location"] == "/checkout/shipping/"
    assert client.post("/checkout/shipping/", {"shipping": method.pk})["Location"] == "/checkout/payment/"
    assert client.post("/checkout/payment/", {"payment": payment})["Location"] == "/checkout/review/"
    return client.post("/checkout/place/", {"note": "Ring twice"})
