"""Paying an order with the wallet or in cash, and refunding to the wallet."""

import pytest

from asoud.payments.exceptions import PaymentError, PaymentNotFound
from asoud.payments.models import Payment
from asoud.payments.selectors import payment_get, payment_list_for_order
from asoud.payments.services import payment_cash_collected, payment_record_cash
from asoud.wallet.models import LedgerEntry
from asoud.wallet.selectors import wallet_balance, wallet_entries
from asoud.wallet.services import InsufficientFunds, payment_pay_with_wallet, payment_refund_to_wallet, wallet_credit
from asoud.wallet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper():
    user = UserFactory()
    wallet_credit(
        user=user, amount=300_000, kind=LedgerEntry.Kind.TOPUP, reference="seed", idempotency_key=f"s{user.pk}"
    )
    return user


def test_paying_with_the_wallet_debits_it_and_records_a_paid_payment(market_alpha, shopper):
    payment = payment_pay_with_wallet(market=market_alpha, order_id=9, order_number="A-9", amount=120_000, user=shopper)
    assert payment.is_paid and payment.method == Payment.Method.WALLET
    assert wallet_balance(user=shopper) == 180_000
    debit = wallet_entries(user=shopper).first()
    assert (debit.kind, debit.amount, debit.reference) == ("payment", -120_000, "order:alpha:A-9")
    assert list(payment_list_for_order(market=market_alpha, order_id=9)) == [payment]


def test_a_short_wallet_pays_nothing_and_records_nothing(market_alpha, shopper):
    with pytest.raises(InsufficientFunds):
        payment_pay_with_wallet(market=market_alpha, order_id=9, order_number="A-9", amount=300_001, user=shopper)
    assert wallet_balance(user=shopper) == 300_000
    assert not Payment.objects.filter(market=market_alpha).exists()


def test_cash_on_delivery_is_pending_until_collected(market_alpha, market_beta):
    payment = payment_record_cash(market=market_alpha, order_id=5, order_number="A-5", amount=90_000)
    assert payment.status == Payment.Status.PENDING
    with pytest.raises(PaymentNotFound):
        payment_cash_collected(market=market_beta, payment_id=payment.pk)
    assert payment_cash_collected(market=market_alpha, payment_id=payment.pk).is_paid
    assert payment_get(market=market_beta, payment_id=payment.pk) is None


def test_refund_to_wallet_happens_once(market_alpha, shopper):
    payment = payment_pay_with_wallet(market=market_alpha, order_id=9, order_number="A-9", amount=120_000, user=shopper)
    assert payment_refund_to_wallet(market=market_alpha, payment_id=payment.pk).status == Payment.Status.REFUNDED
    assert payment_refund_to_wallet(market=market_alpha, payment_id=payment.pk).status == Payment.Status.REFUNDED
    assert wallet_balance(user=shopper) == 300_000
    assert [entry.kind for entry in wallet_entries(user=shopper)] == ["refund", "payment", "topup"]


def test_only_paid_payments_are_refunded(market_alpha):
    payment = payment_record_cash(
        market=market_alpha, order_id=5, order_number="A-5", amount=90_000, user=UserFactory()
    )
    with pytest.raises(PaymentError):
        payment_refund_to_wallet(market=market_alpha, payment_id=payment.pk)
