"""Paying for orders: wallet, cash, and online over real HTTP against the Zarinpal emulator; releasing
the stock of orders that were never paid."""

import re
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.utils import timezone

from asoud.payments.models import Payment
from asoud.payments.services import payment_reconcile
from asoud.payments.tests.sandbox_server import callback_params
from asoud.wallet.models import LedgerEntry
from asoud.wallet.selectors import wallet_balance
from asoud.wallet.services import wallet_credit
from storefront.cart.models import CartItem
from storefront.cart.tests.factories import address_make, product_make
from storefront.catalog.models import StockMovement
from storefront.orders.models import Order
from storefront.orders.services import order_payment_start, order_reservations_release, order_transition
from storefront.orders.tasks import order_reservations_release_task

from .helpers import cart_with, checkout_through_pages, place

pytestmark = pytest.mark.django_db
S = Order.Status


def text(response) -> str:
    """The page's text with spaces collapsed and the bidi isolates around names and numbers left out."""
    return re.sub(r"[\u2066-\u2069]", "", re.sub(r"\s+", " ", response.content.decode()))


def fund(user, amount: int) -> None:
    wallet_credit(
        user=user, amount=amount, kind=LedgerEntry.Kind.TOPUP, reference="test", idempotency_key=uuid.uuid4().hex
    )


@pytest.fixture
def ready(signed_in, shopper, post_method):
    kettle = product_make(title="Steel kettle", price=1_850_000, stock=5)
    cart_with(shopper, (kettle, 2))
    return {"client": signed_in, "kettle": kettle, "address": address_make(shopper), "method": post_method}


def stock_of(product) -> int:
    product.refresh_from_db()
    return product.stock


# --- Wallet and cash -----------------------------------------------------------------------------


def test_paying_from_a_wallet_that_has_enough(ready, shopper):
    fund(shopper, 10_000_000)
    response = checkout_through_pages(
        ready["client"], address=ready["address"], method=ready["method"], payment="wallet"
    )
    order = Order.objects.get(user_id=shopper.pk)
    assert response["Location"] == order.get_absolute_url()
    assert order.status == S.VERIFIED and order.is_paid and order.total == 4_150_000
    assert wallet_balance(user=shopper) == 10_000_000 - 4_150_000
    assert Payment.objects.get(pk=order.payment_id).method == Payment.Method.WALLET
    assert "Thank you! Your order is paid and confirmed." in text(ready["client"].get(response["Location"]))


def test_a_wallet_that_runs_short_at_the_last_moment_places_nothing(ready, shopper):
    client = ready["client"]
    fund(shopper, 4_150_000)
    client.post("/checkout/address/", {"address": ready["address"].pk})
    client.post("/checkout/shipping/", {"shipping": ready["method"].pk})
    assert client.post("/checkout/payment/", {"payment": "wallet"})["Location"] == "/checkout/review/"
    # Meanwhile the shopper spends from the wallet elsewhere.
    from asoud.wallet.services import wallet_debit

    wallet_debit(user=shopper, amount=1_000, kind=LedgerEntry.Kind.PAYMENT, reference="x", idempotency_key="spent")
    response = client.post("/checkout/place/")
    assert response["Location"] == "/checkout/payment/"
    assert "Your wallet balance is not enough for this payment." in text(client.get("/checkout/payment/"))
    assert not Order.objects.exists() and stock_of(ready["kettle"]) == 5
    assert CartItem.objects.get(product=ready["kettle"]).quantity == 2
    assert not Payment.objects.filter(user=shopper).exists()


def test_cash_on_delivery_waits_for_the_owner(ready, shopper):
    checkout_through_pages(ready["client"], address=ready["address"], method=ready["method"], payment="cash")
    order = Order.objects.get(user_id=shopper.pk)
    payment = Payment.objects.get(pk=order.payment_id)
    assert order.status == S.PENDING and not order.is_paid
    assert payment.method == Payment.Method.CASH and payment.status == Payment.Status.PENDING
    assert payment.amount == order.total and payment.order_number == order.number
    order_transition(order=order, to_status=S.VERIFIED, actor=None)
    assert Order.objects.get(pk=order.pk).status == S.VERIFIED


# --- Online, over HTTP against the emulator ------------------------------------------------------


def place_online(ready):
    response = checkout_through_pages(
        ready["client"], address=ready["address"], method=ready["method"], payment="online"
    )
    assert response.status_code == 302
    return response["Location"]


def come_back(client, location: str):
    parts = urlsplit(location)
    assert parts.netloc == "alpha.localhost" and parts.path == "/checkout/callback/"
    return client.get(parts.path, callback_params(location))


def test_paying_online_end_to_end(zarinpal, ready, shopper):
    client = ready["client"]
    start_pay = place_online(ready)
    order = Order.objects.get(user_id=shopper.pk)
    payment = Payment.objects.get(pk=order.payment_id)
    assert start_pay == f"{zarinpal.base_url}/pg/StartPay/{payment.authority}"
    assert order.status == S.PENDING and stock_of(ready["kettle"]) == 3
    assert payment.callback_url == "http://alpha.localhost/checkout/callback/" and payment.amount == 4_150_000
    assert order.number in zarinpal.page(start_pay).text
    # Closed the gateway's tab? The order page takes the shopper back to it while the stock is held.
    assert f'href="{start_pay}" id="order-pay"' in text(client.get(order.get_absolute_url()))

    location = zarinpal.pay(start_pay)
    response = come_back(client, location)
    assert response["Location"] == order.get_absolute_url()
    page = text(client.get(response["Location"]))
    assert "Thank you! Your payment was received and your order is confirmed." in page
    assert "Paid online." in page
    assert 'id="order-pay"' not in page
    order.refresh_from_db()
    assert order.status == S.VERIFIED and order.is_paid and stock_of(ready["kettle"]) == 3

    # Reloading the callback (or the gateway calling twice) counts nothing twice.
    again = come_back(client, location)
    assert again["Location"] == order.get_absolute_url()
    order.refresh_from_db()
    assert order.status == S.VERIFIED and order.events.filter(to_status=S.VERIFIED).count() == 1
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PAID
    assert stock_of(ready["kettle"]) == 3


def test_cancelling_on_the_gateway_releases_the_stock_and_restores_the_cart(zarinpal, ready, shopper):
    client = ready["client"]
    start_pay = place_online(ready)
    assert not CartItem.objects.exists() and stock_of(ready["kettle"]) == 3
    response = come_back(client, zarinpal.cancel(start_pay))
    assert response["Location"] == "/cart/"
    page = text(client.get("/cart/"))
    assert "The payment was cancelled." in page
    assert "Your order was cancelled and its items are back in your cart." in page
    order = Order.objects.get(user_id=shopper.pk)
    assert order.status == S.CANCELLED and order.events.last().note == "The online payment was not completed."
    assert stock_of(ready["kettle"]) == 5
    assert CartItem.objects.get(product=ready["kettle"]).quantity == 2
    # A late "OK" for the same authority changes nothing: it was cancelled on the gateway.
    come_back(
        client, f"http://alpha.localhost/checkout/callback/?Authority={Payment.objects.get().authority}&Status=NOK"
    )
    assert stock_of(ready["kettle"]) == 5 and CartItem.objects.get(product=ready["kettle"]).quantity == 2


def test_a_gateway_refusal_at_start_gives_everything_back(zarinpal, ready, shopper, settings):
    settings.ZARINPAL_MERCHANT_ID = "00000000-0000-0000-0000-000000000012"  # the emulator answers -12
    response = checkout_through_pages(
        ready["client"], address=ready["address"], method=ready["method"], payment="online"
    )
    assert response["Location"] == "/cart/"
    page = text(ready["client"].get("/cart/"))
    assert "Your order was not placed; its items are back in your cart." in page
    order = Order.objects.get(user_id=shopper.pk)
    assert order.status == S.CANCELLED and order.payment_id
    assert stock_of(ready["kettle"]) == 5 and CartItem.objects.get(product=ready["kettle"]).quantity == 2


def test_an_unknown_authority_is_refused_politely(zarinpal, signed_in):
    response = signed_in.get("/checkout/callback/", {"Authority": "A" * 36, "Status": "OK"})
    assert response["Location"] == "/orders/"
    assert "This payment was not found." in text(signed_in.get("/orders/"))


# --- Releasing reservations ------------------------------------------------------------------------


def age(payment_id: int, minutes: int) -> None:
    Payment.objects.filter(pk=payment_id).update(created_at=timezone.now() - timedelta(minutes=minutes))


def online_order(shopper, post_method, product, quantity=1):
    order = place(shopper, (product, quantity), method=post_method, payment=Order.PaymentMethod.ONLINE)
    order_payment_start(order=order, callback_url="http://alpha.localhost/checkout/callback/")
    order.refresh_from_db()
    return order, Payment.objects.get(pk=order.payment_id)


def test_unpaid_online_orders_give_their_stock_back_after_the_reservation_time(
    zarinpal, in_alpha, shopper, post_method
):
    kettle = product_make(stock=5)
    stale, stale_payment = online_order(shopper, post_method, kettle, 2)
    fresh, _fresh_payment = online_order(shopper, post_method, kettle, 1)
    assert stock_of(kettle) == 2
    age(stale_payment.pk, 31)

    assert order_reservations_release_task.apply().get() == {"released": 1}  # the Celery task, run in-process
    connection.set_tenant(in_alpha)  # the task works from the public schema

    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == S.CANCELLED and fresh.status == S.PENDING
    assert stale.events.last().note == "The online payment was not completed in time."
    assert stock_of(kettle) == 4
    assert StockMovement.objects.filter(product=kettle, reason="return").count() == 1
    assert Payment.objects.get(pk=stale_payment.pk).status == Payment.Status.FAILED
    assert order_reservations_release() == {}  # nothing twice


def test_a_shopper_who_paid_but_never_came_back_gets_the_order(zarinpal, in_alpha, shopper, post_method):
    kettle = product_make(stock=5)
    order, payment = online_order(shopper, post_method, kettle)
    zarinpal.pay(f"{zarinpal.base_url}/pg/StartPay/{payment.authority}")  # paid, tab closed
    age(payment.pk, 45)
    assert order_reservations_release() == {"paid": 1}
    order.refresh_from_db()
    assert order.status == S.VERIFIED and order.is_paid and stock_of(kettle) == 4


def test_a_payment_failed_by_the_reconcile_task_releases_the_stock(zarinpal, in_alpha, shopper, post_method):
    kettle = product_make(stock=5)
    order, payment = online_order(shopper, post_method, kettle)
    age(payment.pk, 25)  # past the payments app's own reconcile time, not yet our reservation time
    payment_reconcile()
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.FAILED
    assert order_reservations_release() == {"released": 1}
    order.refresh_from_db()
    assert order.status == S.CANCELLED and stock_of(kettle) == 5


def test_a_payment_that_arrives_after_cancelling_is_refunded_to_the_wallet(zarinpal, signed_in, shopper, post_method):
    kettle = product_make(stock=5)
    order, payment = online_order(shopper, post_method, kettle)
    signed_in.post(f"/orders/{order.number}/cancel/")  # the shopper gives up… then pays in the other tab
    location = zarinpal.pay(f"{zarinpal.base_url}/pg/StartPay/{payment.authority}")
    response = come_back(signed_in, location)
    order.refresh_from_db()
    assert order.status == S.REFUNDED and order.is_paid
    assert wallet_balance(user=shopper) == order.total and stock_of(kettle) == 5
    assert "it went to your wallet" in text(signed_in.get(response["Location"]))


def test_the_beat_schedule_runs_the_release_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["orders-reservations-release"]
    assert entry == {"task": "orders.reservations_release", "schedule": 60.0}
    assert settings.PAYMENTS_ON_PAID["order"] == "storefront.orders.services.order_on_paid"
