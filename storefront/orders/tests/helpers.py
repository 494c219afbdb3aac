"""Placing orders the way a shopper does (through the checkout pages) or directly (the service)."""

import threading

from django.db import connection

from storefront.cart.models import Cart
from storefront.cart.services import cart_item_add
from storefront.cart.tests.factories import address_make
from storefront.orders.models import Order
from storefront.orders.services import order_place


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


def committed(fn, /, *args, **kwargs):
    """Run `fn` on a database connection of its own (a new thread), so its writes are committed at once
    and seen by other connections (threads, the live server), unlike the test's own transaction.

    The test itself stays an ordinary `django_db` test: pytest-django then sets up the test database
    even when this is the only test run. (`django_db(transaction=True)` is no option: its flush at the
    end would delete the session's markets.)
    """
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = fn(*args, **kwargs)
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
