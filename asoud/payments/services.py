"""Writes for payments: start an online payment, verify it exactly once, reconcile, cash and wallet.

How a caller (the tenant checkout, the wallet top-up) uses these:

1. `payment, url = payment_start(market=…, order_id=…, order_number=…, amount=…, user=…,
   callback_url="https://<market host>/checkout/callback/", description=…)` and redirect to `url`.
   A refusal by the gateway raises PaymentError (translated `message`, the failed `payment`).
2. The gateway sends the shopper to `callback_url?Authority=…&Status=OK|NOK`; the callback view calls
   `payment_verify(authority=…, status_param=…, market=request.tenant)` and reads `payment.status`
   (`is_paid`, `failure_message`). Calling it again, or concurrently, never counts twice.
3. Whatever must happen once a payment is paid (mark the order paid, credit the wallet) is the
   function named in `settings.PAYMENTS_ON_PAID[payment.purpose]`; it runs inside the verifying
   transaction, also when `payment_reconcile` finds a payment whose shopper never came back, and
   must be idempotent.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from asoud.observability import metrics
from tenants.models import Market

from .exceptions import PaymentError, PaymentNotFound
from .models import Payment
from .zarinpal import ZarinpalClient, ZarinpalError, ZarinpalUnavailable

logger = logging.getLogger(__name__)

GATEWAY_ZARINPAL = "zarinpal"
_OPEN = (Payment.Status.INITIATED, Payment.Status.PENDING)
PAYMENT_EXPIRED_NOTE = "Expired: the payment never reached the gateway."


def payment_start(
    *,
    market: Market,
    order_id: int | None,
    order_number: str,
    amount: int,
    user=None,
    callback_url: str,
    description: str,
    mobile: str | None = None,
    purpose: str = Payment.Purpose.ORDER,
) -> tuple[Payment, str]:
    """Open a Zarinpal payment for `amount` Rials; return the pending payment and the StartPay address.

    `callback_url` is absolute (the market's own host). The row is kept even when the gateway
    refuses (status failed), then PaymentError is raised with a translated message.
    """
    payment_amount_check(amount)
    mobile = mobile or (user.mobile if user is not None else "")
    payment = Payment.objects.create(
        market=market,
        purpose=purpose,
        order_id=order_id,
        order_number=order_number,
        user=user,
        amount=amount,
        method=Payment.Method.ONLINE,
        gateway=GATEWAY_ZARINPAL,
        status=Payment.Status.INITIATED,
        description=description[:255],
        mobile=mobile[:16],
        callback_url=callback_url,
    )
    client = ZarinpalClient()
    request = {
        "amount": amount,
        "callback_url": callback_url,
        "description": description,
        "mobile": _local_mobile(mobile),
        "email": getattr(user, "email", "") or None,
        "order_id": order_number or f"P{payment.pk}",
    }
    payment.raw_request = _without_merchant(client.request_body(**request))
    try:
        result = client.request_payment(**request)
    except ZarinpalError as error:
        _record_failure(payment, error, field="raw_response")
        raise PaymentError(error.message, payment=payment, code=error.code) from error
    payment.authority = result.authority
    payment.status = Payment.Status.PENDING
    payment.raw_response = result.raw
    payment.save()
    return payment, client.start_pay_url(result.authority)


@transaction.atomic
def payment_verify(*, authority: str, status_param: str, market: Market | None = None, user=None) -> Payment:
    """Settle a payment after the gateway's callback. Idempotent and safe against double counting.

    The row is locked for the whole check; a payment already paid is returned untouched. `Status`
    other than OK cancels it; otherwise the gateway confirms it (100 now, 101 before) or says why
    not (failed, with the reason in `failure_message`). A `Status` other than OK is only a claim:
    it cancels at once when `user` is the payer; for anyone else (the callback address is no secret)
    the gateway is asked first and the payment changes only as it says. When the gateway cannot be reached the
    payment stays pending and `payment_reconcile` settles it later. Pass the callback's `market`
    so an authority of another market is never touched.
    """
    queryset = Payment.objects.select_for_update().filter(authority=authority, method=Payment.Method.ONLINE)
    if market is not None:
        queryset = queryset.filter(market=market)
    payment = queryset.first() if authority else None
    if payment is None:
        raise PaymentNotFound(_("This payment was not found."))
    if payment.is_settled:
        return payment
    if (status_param or "").strip().upper() != "OK":
        by_payer = user is not None and user.is_authenticated and user.pk == payment.user_id
        if not by_payer:
            return _settle_as_gateway_says(payment)
        if payment.status in _OPEN:
            payment.status = Payment.Status.CANCELLED
            payment.save(update_fields=["status", "updated_at"])
            metrics.payment_settled(method=payment.method, result="cancelled")
        return payment
    return _verify_locked(payment)


def _settle_as_gateway_says(payment: Payment) -> Payment:
    """A "not paid" callback from someone other than the payer: believe only the gateway."""
    try:
        status = ZarinpalClient().inquiry(authority=payment.authority)
    except ZarinpalError as error:
        logger.info("Zarinpal inquiry of %s failed: %s", payment.authority, error)
        return payment  # unchanged; the reconcile task settles it later
    if status in ("PAID", "VERIFIED"):
        return _verify_locked(payment)
    if status in ("FAILED", "REVERSED") and payment.status in _OPEN:
        payment.status = Payment.Status.CANCELLED
        payment.save(update_fields=["status", "updated_at"])
    return payment


def payment_reconcile() -> dict[str, int]:
    """Bring every online payment to a final state: first those the gateway lists as paid but not
    verified (unVerified), then every payment of ours left pending too long, walked in batches,
    oldest first (a keyset over the id, so rows that can't be settled now never hide the others),
    and payments that never got an authority (they can't have been paid: failed). Stops early
    while the gateway is unreachable: the rest is due next time. Returns counts by outcome.

    A platform-wide sweep: authorities are unique across markets, so rows are found by authority.
    """
    counts: Counter[str] = Counter()
    counts["expired"] = _expire_never_started()
    client = ZarinpalClient()
    try:
        authorities = [item.authority for item in client.unverified()]
    except ZarinpalError as error:
        logger.warning("Zarinpal unVerified failed: %s", error)
        counts["unreachable"] += 1
        authorities = []
    for authority in authorities:
        payment = _reconcile_one(authority=authority)
        counts[payment.status if payment is not None else "unknown"] += 1
    for authority in _stale_authorities():
        payment = _reconcile_one(authority=authority)
        counts[payment.status if payment is not None else "unknown"] += 1
        if payment is not None and payment.status in _OPEN:
            counts["unreachable"] += 1
            break  # the gateway did not answer: the remaining rows wait for the next run
    return {outcome: count for outcome, count in counts.items() if count}


def _stale_authorities():
    """Authorities of online payments pending past PAYMENTS_RECONCILE_AFTER_MINUTES, oldest first."""
    cutoff = timezone.now() - timedelta(minutes=settings.PAYMENTS_RECONCILE_AFTER_MINUTES)
    stale = Payment.objects.filter(
        method=Payment.Method.ONLINE, status=Payment.Status.PENDING, created_at__lt=cutoff, authority__isnull=False
    )
    last_id = 0
    while True:
        batch = list(
            stale.filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", "authority")[: settings.PAYMENTS_RECONCILE_BATCH]
        )
        if not batch:
            return
        yield from (authority for _pk, authority in batch)
        last_id = batch[-1][0]


def _expire_never_started() -> int:
    """Online payments still `initiated` (no authority: the gateway or our database dropped during
    the request) long after they began: the shopper never reached the gateway, nothing was paid."""
    cutoff = timezone.now() - timedelta(minutes=settings.PAYMENTS_INITIATED_EXPIRE_MINUTES)
    return Payment.objects.filter(
        method=Payment.Method.ONLINE, status=Payment.Status.INITIATED, authority__isnull=True, created_at__lt=cutoff
    ).update(status=Payment.Status.FAILED, error_message=PAYMENT_EXPIRED_NOTE, updated_at=timezone.now())


@transaction.atomic
def _reconcile_one(*, authority: str) -> Payment | None:
    payment = Payment.objects.select_for_update().filter(authority=authority, method=Payment.Method.ONLINE).first()
    if payment is None or payment.is_settled:
        return payment
    return _verify_locked(payment)


def _verify_locked(payment: Payment) -> Payment:
    """Ask the gateway about a locked, unsettled payment and record the answer."""
    try:
        result = ZarinpalClient().verify(amount=payment.amount, authority=payment.authority)
    except ZarinpalUnavailable as error:
        payment.error_message = error.gateway_message[:255]
        payment.save(update_fields=["error_message", "updated_at"])
        metrics.payment_settled(method=payment.method, result="gateway_unavailable")
        return payment
    except ZarinpalError as error:
        _record_failure(payment, error, field="raw_verify")
        return payment
    payment.status = Payment.Status.PAID
    payment.ref_id = result.ref_id
    payment.card_pan = result.card_pan
    payment.card_hash = result.card_hash
    payment.fee = result.fee
    payment.error_code = None
    payment.error_message = ""
    payment.raw_verify = result.raw
    payment.paid_at = timezone.now()
    payment.save()
    _on_paid(payment)
    metrics.payment_settled(method=payment.method, result="paid")
    return payment


def _record_failure(payment: Payment, error: ZarinpalError, *, field: str) -> None:
    # A cancelled payment stays cancelled: the gateway only confirms that nothing was paid.
    if payment.status in _OPEN:
        payment.status = Payment.Status.FAILED
    payment.error_code = error.code
    payment.error_message = error.gateway_message[:255]
    setattr(payment, field, error.response)
    payment.save()
    metrics.payment_settled(method=payment.method, result="failed")


def _on_paid(payment: Payment) -> None:
    handler = settings.PAYMENTS_ON_PAID.get(payment.purpose)
    if handler:
        import_string(handler)(payment=payment)


# --- Cash and wallet ----------------------------------------------------------------------------


def payment_record_cash(*, market: Market, order_id: int | None, order_number: str, amount: int, user=None) -> Payment:
    """Cash on delivery: a pending payment, marked paid by `payment_cash_collected`."""
    payment_amount_check(amount)
    return Payment.objects.create(
        market=market,
        order_id=order_id,
        order_number=order_number,
        user=user,
        amount=amount,
        method=Payment.Method.CASH,
        status=Payment.Status.PENDING,
    )


@transaction.atomic
def payment_cash_collected(*, market: Market, payment_id: int) -> Payment:
    payment = (
        Payment.objects.select_for_update().filter(market=market, pk=payment_id, method=Payment.Method.CASH).first()
    )
    if payment is None:
        raise PaymentNotFound(_("This payment was not found."))
    if payment.status in _OPEN:
        payment.status = Payment.Status.PAID
        payment.paid_at = timezone.now()
        payment.save(update_fields=["status", "paid_at", "updated_at"])
        metrics.payment_settled(method=payment.method, result="paid")
    return payment


def payment_amount_check(amount: int) -> None:
    """Raise PaymentError (translated) unless `amount` is a whole, positive number of Rials."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise PaymentError(_("The amount must be a whole, positive number of Rials."))


def _without_merchant(body: dict) -> dict:
    return {key: value for key, value in body.items() if key != "merchant_id"}


def _local_mobile(mobile: str) -> str | None:
    """Zarinpal wants 09XXXXXXXXX; we store +989XXXXXXXXX."""
    if mobile.startswith("+98") and len(mobile) == 13:
        return "0" + mobile[3:]
    return mobile or None
