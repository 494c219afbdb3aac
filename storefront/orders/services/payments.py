"""Online payment of orders (Zarinpal through asoud.payments) and releasing unpaid reservations.

Journey: `order_place` (PENDING, stock reserved) → `order_payment_start` (the gateway's StartPay
address) → the shopper pays or cancels → `order_payment_return` on our callback. Paid: the payments
app calls `order_on_paid` (settings.PAYMENTS_ON_PAID["order"]) inside its verifying transaction and
the order becomes VERIFIED. Not paid: the order is CANCELLED, its stock released, its items put back
in the cart. Shoppers who never come back are handled by `order_reservations_release` (Celery beat).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from asoud.payments.exceptions import PaymentError
from asoud.payments.models import Payment
from asoud.payments.services import PAYMENT_EXPIRED_NOTE, payment_start, payment_verify
from storefront.cart.services import cart_lines_restore
from tenants.models import Market

from ..models import Order
from .notifications import _announce
from .transitions import (
    NOTE_PAID_AFTER_CANCEL,
    NOTE_PAID_ONLINE,
    NOTE_PAYMENT_EXPIRED,
    NOTE_PAYMENT_FAILED,
    order_transition,
)

logger = logging.getLogger(__name__)

_OPEN = (Payment.Status.INITIATED, Payment.Status.PENDING)
_NOT_PAID = (Payment.Status.FAILED, Payment.Status.CANCELLED)


def order_payment_start(*, order: Order, callback_url: str) -> str:
    """Open the online payment of a PENDING order; returns the gateway's payment page address.

    When the gateway refuses, the order is cancelled (stock released, items back in the cart) and
    PaymentError is raised with a translated message.
    """
    market = connection.tenant
    try:
        payment, redirect_url = payment_start(
            market=market,
            order_id=order.pk,
            order_number=order.number,
            amount=order.total,
            user=order.user,
            callback_url=callback_url,
            description=_("Order %(number)s at %(market)s") % {"number": order.number, "market": market.name},
        )
    except PaymentError as error:
        if error.payment is not None:
            Order.objects.filter(pk=order.pk).update(payment_id=error.payment.pk)
        order_payment_failed(order=order, note=NOTE_PAYMENT_FAILED)
        raise
    Order.objects.filter(pk=order.pk).update(payment_id=payment.pk)
    order.payment_id = payment.pk
    return redirect_url


@transaction.atomic
def order_payment_return(*, authority: str, status_param: str, user=None) -> tuple[Order, Payment]:
    """The shopper is back from the gateway: settle the payment (once, however often this runs) and the
    order with it, in one transaction. Raises PaymentNotFound for an unknown authority. A "not paid"
    return cancels the order only for `user` the payer, or when the gateway confirms it."""
    payment = payment_verify(authority=authority, status_param=status_param, market=connection.tenant, user=user)
    order = Order.objects.filter(pk=payment.order_id).first() if payment.purpose == Payment.Purpose.ORDER else None
    if order is None:
        raise PaymentError(_("This payment was not found."), payment=payment)
    if payment.status in _NOT_PAID:
        order = order_payment_failed(order=order, note=NOTE_PAYMENT_FAILED)
    order.refresh_from_db()
    return order, payment


def order_on_paid(*, payment: Payment) -> None:
    """settings.PAYMENTS_ON_PAID["order"]: runs inside the payment's verifying transaction, from the
    callback (market schema) or the reconcile task (public schema). Idempotent.

    A PENDING order becomes VERIFIED. An order cancelled meanwhile (the payment came too late, its
    stock may be sold) is refunded to the shopper's wallet at once: money is never lost.
    """
    with tenant_context(payment.market):
        order = Order.objects.select_for_update().filter(pk=payment.order_id).first()
        if order is None:
            logger.error("Paid payment %s has no order %s in %s", payment.pk, payment.order_id, payment.market_id)
            return
        if order.is_paid:
            return
        order.paid_at = payment.paid_at or timezone.now()
        order.payment_id = payment.pk
        order.save(update_fields=["paid_at", "payment_id", "updated_at"])
        if order.status == Order.Status.PENDING:
            _announce(order, "order_placed")  # held back until now (order_place)
            order_transition(order=order, to_status=Order.Status.VERIFIED, actor=None, note=NOTE_PAID_ONLINE)
        elif order.status == Order.Status.CANCELLED:
            order_transition(order=order, to_status=Order.Status.REFUNDED, actor=None, note=NOTE_PAID_AFTER_CANCEL)


@transaction.atomic
def order_payment_failed(*, order: Order, note: str) -> Order:
    """The online payment did not go through: cancel, release the stock, put the items back in the
    shopper's cart. Does nothing to an order that is no longer pending (paid, already cancelled)."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status != Order.Status.PENDING or locked.is_paid:
        return locked
    order_transition(order=locked, to_status=Order.Status.CANCELLED, actor=None, note=note)
    lines = [(i.product_id, i.variant_id, i.quantity) for i in locked.items.all() if not i.is_gift and i.product_id]
    cart_lines_restore(user=locked.user, lines=lines)
    return locked


def order_reservations_release(*, now: datetime | None = None) -> dict[str, int]:
    """Release the stock of online orders whose payment failed or never finished (Celery beat).

    With thousands of markets, walking every schema each minute would not do: the public Payment
    rows are the index. Only markets with an online order payment that is still open after
    ORDERS_RESERVATION_MINUTES, or that failed within ORDERS_RELEASE_LOOKBACK_HOURS, are visited.
    An open payment is first confirmed with the gateway (the shopper may have paid and never come
    back); it is released only when the gateway says it was not paid. Every due payment is walked,
    in batches, oldest first; the walk stops early only while the gateway is unreachable.
    """
    counts: Counter[str] = Counter()
    for by_market in _release_batches(now=now or timezone.now()):
        for market in Market.objects.filter(pk__in=by_market.keys()):
            with tenant_context(market):
                payments = by_market[market.pk]
                pending = Order.objects.filter(
                    pk__in=payments.keys(), status=Order.Status.PENDING, payment_method=Order.PaymentMethod.ONLINE
                )
                for order in pending:
                    outcome = _release_one(market=market, order=order, payment_id=payments[order.pk])
                    counts[outcome] += 1
                    if outcome == "waiting":
                        return dict(counts)  # the gateway does not answer: the rest waits for the next run
    return dict(counts)


def _release_batches(*, now: datetime):
    """{market id: {order id: payment id}} of online order payments that may hold stock in vain, in
    batches of ORDERS_RELEASE_BATCH, oldest first (a keyset over the payment id, so rows that can't
    be settled now never hide the others): open payments past the reservation time, and failures
    within the look-back period."""
    cutoff = now - timedelta(minutes=settings.ORDERS_RESERVATION_MINUTES)
    since = now - timedelta(hours=settings.ORDERS_RELEASE_LOOKBACK_HOURS)
    due = Payment.objects.filter(
        Q(status__in=_OPEN, created_at__lt=cutoff) | Q(status__in=_NOT_PAID, created_at__gte=since),
        purpose=Payment.Purpose.ORDER,
        method=Payment.Method.ONLINE,
        order_id__isnull=False,
    ).values_list("pk", "market_id", "order_id")
    last_id = 0
    while True:
        batch = list(due.filter(pk__gt=last_id).order_by("pk")[: settings.ORDERS_RELEASE_BATCH])
        if not batch:
            return
        by_market: dict[int, dict[int, int]] = defaultdict(dict)
        for payment_id, market_id, order_id in batch:
            by_market[market_id][order_id] = payment_id
        yield by_market
        last_id = batch[-1][0]


def _release_one(*, market: Market, order: Order, payment_id: int) -> str:
    payment = Payment.objects.get(pk=payment_id)
    was_open = payment.status in _OPEN
    if was_open and payment.authority:
        # Ask the gateway (as a callback with Status=OK would): paid → the hook verifies the order.
        try:
            payment = payment_verify(authority=payment.authority, status_param="OK", market=market)
        except PaymentError:
            logger.warning("Payment %s of order %s could not be checked", payment.pk, order.number)
            return "unchecked"
    if payment.is_settled:
        return "paid"
    if payment.status in _OPEN and payment.authority:
        return "waiting"  # the gateway could not be reached: try again next time
    if payment.status == Payment.Status.INITIATED:
        # No authority: the shopper never reached the gateway. The payment is final too.
        Payment.objects.filter(pk=payment.pk, status=Payment.Status.INITIATED).update(
            status=Payment.Status.FAILED, error_message=PAYMENT_EXPIRED_NOTE, updated_at=timezone.now()
        )
    order_payment_failed(order=order, note=NOTE_PAYMENT_EXPIRED if was_open else NOTE_PAYMENT_FAILED)
    return "released"
