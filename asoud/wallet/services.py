"""Writes for wallets. Every movement locks the wallet row, never overdraws, and happens once per key.

The wallet builds on payments (top-ups are gateway payments; paying an order from the wallet and
refunding to it write a Payment row), so these live here and payments never imports the wallet."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from asoud.notifications.services import notify
from asoud.observability import metrics
from asoud.payments.exceptions import PaymentError, PaymentNotFound
from asoud.payments.models import Payment
from asoud.payments.services import payment_amount_check, payment_start, payment_verify
from tenants.models import Market

from .models import LedgerEntry, Wallet

TOPUP_ORDER_NUMBER = "wallet-topup"


logger = logging.getLogger(__name__)


class WalletError(Exception):
    """A wallet movement was refused. `message` is translated and safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InsufficientFunds(WalletError):
    def __init__(self, *, balance: int, amount: int):
        super().__init__(_("Your wallet balance is not enough for this payment."))
        self.balance = balance
        self.amount = amount


class IdempotencyConflict(WalletError):
    """The key was already used for a different movement: a bug in the caller, never retried."""


def wallet_get_or_create(*, user) -> Wallet:
    wallet, _created = Wallet.objects.get_or_create(user=user)
    return wallet


@transaction.atomic
def wallet_credit(*, user, amount: int, kind: str, reference: str, idempotency_key: str, note: str = "") -> LedgerEntry:
    """Add `amount` Rials. A repeated `idempotency_key` returns the first entry and moves nothing."""
    return _move(user=user, change=_positive(amount), kind=kind, reference=reference, key=idempotency_key, note=note)


@transaction.atomic
def wallet_debit(*, user, amount: int, kind: str, reference: str, idempotency_key: str, note: str = "") -> LedgerEntry:
    """Take `amount` Rials; raises InsufficientFunds rather than go below zero. Idempotent on the key."""
    return _move(user=user, change=-_positive(amount), kind=kind, reference=reference, key=idempotency_key, note=note)


def _move(*, user, change: int, kind: str, reference: str, key: str, note: str) -> LedgerEntry:
    if kind not in LedgerEntry.Kind.values:
        raise WalletError(_("Unknown kind of wallet movement."))
    if not key:
        raise WalletError(_("A wallet movement needs an idempotency key."))
    wallet = Wallet.objects.select_for_update().get(pk=wallet_get_or_create(user=user).pk)
    existing = LedgerEntry.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.wallet_id != wallet.pk or existing.amount != change:
            raise IdempotencyConflict(_("This wallet movement was already recorded with different details."))
        return existing
    if wallet.balance + change < 0:
        raise InsufficientFunds(balance=wallet.balance, amount=-change)
    wallet.balance += change
    wallet.save(update_fields=["balance", "updated_at"])
    if change > 0:
        transaction.on_commit(partial(_announce_credit, user_id=wallet.user_id, amount=change, balance=wallet.balance))
    return LedgerEntry.objects.create(
        wallet=wallet,
        amount=change,
        kind=kind,
        reference=reference[:120],
        idempotency_key=key,
        balance_after=wallet.balance,
        note=note[:255],
    )


def _announce_credit(*, user_id: int, amount: int, balance: int) -> None:
    try:
        notify(user_id=user_id, event="wallet_credited", context={"amount": amount, "balance": balance})
    except Exception:  # the money is in the wallet already; a lost notice must not undo or hide that
        logger.exception("wallet credit notice for user %s failed", user_id)


def _positive(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise WalletError(_("The amount must be a whole, positive number of Rials."))
    return amount


# --- Top-up through Zarinpal ---------------------------------------------------------------------


def wallet_topup_start(*, user, amount: int, callback_url: str) -> tuple[Payment, str]:
    """Open a Zarinpal payment of `amount` Rials for the platform; returns it and the gateway address.

    Raises asoud.payments.exceptions.PaymentError when the gateway refuses.
    """
    return payment_start(
        market=Market.objects.get(schema_name=get_public_schema_name()),
        order_id=None,
        order_number=TOPUP_ORDER_NUMBER,
        amount=amount,
        user=user,
        callback_url=callback_url,
        description=_("ASOUD wallet top-up"),
        purpose=Payment.Purpose.WALLET_TOPUP,
    )


def wallet_topup_complete(*, authority: str, status_param: str, user=None) -> Payment:
    """The gateway sent the shopper back: verify; the wallet is credited by `wallet_topup_fulfil`."""
    return payment_verify(
        authority=authority,
        status_param=status_param,
        market=Market.objects.get(schema_name=get_public_schema_name()),
        user=user,  # "not paid" cancels at once only for the payer; otherwise the gateway is asked
    )


def wallet_topup_fulfil(*, payment: Payment) -> LedgerEntry:
    """PAYMENTS_ON_PAID handler for top-ups: credit the payer once (the key is the payment's id)."""
    return wallet_credit(
        user=payment.user,
        amount=payment.amount,
        kind=LedgerEntry.Kind.TOPUP,
        reference=f"payment:{payment.pk}",
        idempotency_key=f"payment:{payment.pk}",
        note=f"Zarinpal #{payment.ref_id}" if payment.ref_id else "",
    )


# --- Paying orders from the wallet, refunds to it --------------------------------------------------


@transaction.atomic
def payment_pay_with_wallet(
    *, market: Market, order_id: int | None, order_number: str, amount: int, user, description: str = ""
) -> Payment:
    """Pay an order from the shopper's wallet at once: a paid payment and one wallet debit, together.

    Raises InsufficientFunds (and nothing is written) when the balance is short.
    """
    payment_amount_check(amount)
    payment = Payment.objects.create(
        market=market,
        order_id=order_id,
        order_number=order_number,
        user=user,
        amount=amount,
        method=Payment.Method.WALLET,
        status=Payment.Status.PAID,
        description=description[:255],
        paid_at=timezone.now(),
    )
    wallet_debit(
        user=user,
        amount=amount,
        kind=LedgerEntry.Kind.PAYMENT,
        reference=f"order:{market.slug}:{order_number or order_id}",
        idempotency_key=f"payment:{payment.pk}",
        note=description,
    )
    metrics.payment_settled(method=payment.method, result="paid")
    return payment


@transaction.atomic
def payment_refund_to_wallet(*, market: Market, payment_id: int, note: str = "") -> Payment:
    """Give a paid payment back as wallet credit (once, whatever the method it was paid with)."""
    payment = Payment.objects.select_for_update().filter(market=market, pk=payment_id).first()
    if payment is None:
        raise PaymentNotFound(_("This payment was not found."))
    if payment.status == Payment.Status.REFUNDED:
        return payment
    if payment.status != Payment.Status.PAID or payment.user is None:
        raise PaymentError(_("Only a paid payment of a signed-in customer can be refunded to a wallet."))
    wallet_credit(
        user=payment.user,
        amount=payment.amount,
        kind=LedgerEntry.Kind.REFUND,
        reference=f"order:{market.slug}:{payment.order_number or payment.order_id}",
        idempotency_key=f"refund:{payment.pk}",
        note=note,
    )
    payment.status = Payment.Status.REFUNDED
    payment.save(update_fields=["status", "updated_at"])
    return payment
