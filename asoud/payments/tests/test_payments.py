"""Payment services end to end: the real client, the emulator over HTTP, our database."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from asoud.payments.exceptions import PaymentError, PaymentNotFound
from asoud.payments.models import Payment
from asoud.payments.services import payment_reconcile, payment_start, payment_verify
from asoud.payments.tasks import payment_reconcile_task
from asoud.payments.zarinpal import ZarinpalClient
from asoud.wallet.tests.factories import UserFactory

from .sandbox_server import callback_params

pytestmark = pytest.mark.django_db

CALLBACK = "http://alpha.localhost/checkout/callback/"


def _start(market, amount=250_000, **extra):
    return payment_start(
        market=market,
        order_id=extra.pop("order_id", 17),
        order_number=extra.pop("order_number", "A-1017"),
        amount=amount,
        user=extra.pop("user", None),
        callback_url=CALLBACK,
        description="Order A-1017",
        **extra,
    )


def test_start_pay_and_verify(zarinpal, market_alpha):
    user = UserFactory(mobile="09121234567")
    payment, redirect_url = _start(market_alpha, user=user)
    assert payment.status == Payment.Status.PENDING
    assert redirect_url == f"{zarinpal.base_url}/pg/StartPay/{payment.authority}"
    assert payment.raw_request["metadata"] == {"mobile": "09121234567", "order_id": "A-1017"}
    assert payment.raw_request["currency"] == "IRR" and "merchant_id" not in payment.raw_request

    page = zarinpal.page(redirect_url)
    assert page.status_code == 200
    assert 'value="pay"' in page.text and 'value="cancel"' in page.text

    params = callback_params(zarinpal.pay(redirect_url))
    assert params == {"Authority": payment.authority, "Status": "OK"}
    paid = payment_verify(authority=params["Authority"], status_param=params["Status"], market=market_alpha)
    assert paid.pk == payment.pk
    assert paid.is_paid and paid.paid_at is not None
    assert paid.ref_id and paid.card_pan.startswith("502229")
    assert paid.raw_verify["code"] == 100
    assert paid.failure_message == ""


def test_verifying_twice_counts_once(zarinpal, market_alpha):
    payment, redirect_url = _start(market_alpha)
    zarinpal.pay(redirect_url)
    first = payment_verify(authority=payment.authority, status_param="OK", market=market_alpha)
    paid_at = first.paid_at
    again = payment_verify(authority=payment.authority, status_param="OK", market=market_alpha)
    assert again.is_paid and again.paid_at == paid_at and again.raw_verify["code"] == 100
    # A late "NOK" (a second tab, a replayed URL) never undoes a payment.
    assert payment_verify(authority=payment.authority, status_param="NOK").is_paid


def test_a_lost_first_verification_is_recovered_from_code_101(zarinpal, market_alpha):
    """The gateway verified it (100) but our transaction never stored that: the next try gets 101."""
    payment, redirect_url = _start(market_alpha)
    zarinpal.pay(redirect_url)
    lost = ZarinpalClient().verify(amount=payment.amount, authority=payment.authority)
    paid = payment_verify(authority=payment.authority, status_param="OK", market=market_alpha)
    assert paid.is_paid and paid.raw_verify["code"] == 101 and paid.ref_id == lost.ref_id


def test_cancel_on_the_gateway_cancels_the_payment(zarinpal, market_alpha):
    payment, redirect_url = _start(market_alpha)
    params = callback_params(zarinpal.cancel(redirect_url))
    cancelled = payment_verify(authority=params["Authority"], status_param=params["Status"], market=market_alpha)
    assert cancelled.status == Payment.Status.CANCELLED
    with translation.override("en"):
        assert cancelled.failure_message == "The payment was cancelled."


def test_amount_mismatch_fails_with_a_clear_message(zarinpal, market_alpha):
    payment, redirect_url = _start(market_alpha)
    zarinpal.pay(redirect_url)
    Payment.objects.filter(pk=payment.pk).update(amount=260_000)  # e.g. the order total changed meanwhile
    failed = payment_verify(authority=payment.authority, status_param="OK", market=market_alpha)
    assert failed.status == Payment.Status.FAILED and failed.error_code == -50
    with translation.override("en"):
        assert failed.failure_message == "The paid amount does not match the amount due."


def test_status_ok_without_paying_fails_as_not_completed(zarinpal, market_alpha):
    payment, _url = _start(market_alpha)
    failed = payment_verify(authority=payment.authority, status_param="OK", market=market_alpha)
    assert failed.status == Payment.Status.FAILED and failed.error_code == -51
    with translation.override("en"):
        assert failed.failure_message == "The payment was not completed."


def test_an_authority_the_gateway_does_not_know_fails(zarinpal, market_alpha):
    payment = Payment.objects.create(
        market=market_alpha, amount=10_000, authority="A" + "0" * 35, status=Payment.Status.PENDING
    )
    failed = payment_verify(authority=payment.authority, status_param="OK", market=market_alpha)
    assert failed.status == Payment.Status.FAILED and failed.error_code == -54
    with translation.override("en"):
        assert "not valid" in failed.failure_message


def test_a_refused_request_raises_and_keeps_the_failed_row(zarinpal, market_alpha, settings):
    settings.ZARINPAL_MERCHANT_ID = "00000000-0000-0000-0000-000000000010"
    with pytest.raises(PaymentError) as refused, translation.override("en"):
        _start(market_alpha)
    assert refused.value.code == -10
    assert "merchant code" in refused.value.message
    payment = refused.value.payment
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED and payment.authority is None
    assert payment.raw_response["errors"]["code"] == -10


def test_an_unreachable_gateway_leaves_the_payment_pending(zarinpal, market_alpha, settings):
    payment, redirect_url = _start(market_alpha)
    zarinpal.pay(redirect_url)
    settings.ZARINPAL_BASE_URL = "http://127.0.0.1:9/dev/zarinpal"
    settings.ZARINPAL_TIMEOUT = 2
    assert payment_verify(authority=payment.authority, status_param="OK").status == Payment.Status.PENDING
    settings.ZARINPAL_BASE_URL = zarinpal.base_url
    assert payment_verify(authority=payment.authority, status_param="OK").is_paid


def test_a_callback_on_another_market_finds_nothing(zarinpal, market_alpha, market_beta):
    payment, _url = _start(market_alpha)
    with pytest.raises(PaymentNotFound):
        payment_verify(authority=payment.authority, status_param="OK", market=market_beta)
    with pytest.raises(PaymentNotFound):
        payment_verify(authority="", status_param="OK")


@pytest.mark.parametrize("amount", [0, -5, 10.5, True])
def test_amounts_are_positive_whole_rials(zarinpal, market_alpha, amount):
    with pytest.raises(PaymentError):
        _start(market_alpha, amount=amount)
    assert not Payment.objects.exists()


def test_reconcile_verifies_payments_whose_shopper_never_came_back(zarinpal, market_alpha):
    came_back, url_1 = _start(market_alpha, order_id=1)
    vanished, url_2 = _start(market_alpha, order_id=2)
    still_paying, _url_3 = _start(market_alpha, order_id=3)
    zarinpal.pay(url_1)
    zarinpal.pay(url_2)  # paid at the gateway, the browser closed before the callback
    payment_verify(authority=came_back.authority, status_param="OK")

    assert payment_reconcile() == {"paid": 1}
    vanished.refresh_from_db()
    still_paying.refresh_from_db()
    assert vanished.is_paid and vanished.ref_id
    assert still_paying.status == Payment.Status.PENDING
    assert payment_reconcile() == {}  # nothing left to do; never counted twice


def test_reconcile_task_fails_payments_abandoned_long_ago(zarinpal, market_alpha, settings):
    abandoned, _url = _start(market_alpha)
    Payment.objects.filter(pk=abandoned.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.PAYMENTS_RECONCILE_AFTER_MINUTES + 1)
    )
    assert payment_reconcile_task.apply().get() == {"failed": 1}
    abandoned.refresh_from_db()
    assert abandoned.status == Payment.Status.FAILED and abandoned.error_code == -51
