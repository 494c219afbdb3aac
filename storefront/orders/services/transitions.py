"""The ONE way an order's status changes: `order_transition`, recording every step as an OrderEvent.

    PENDING ──► VERIFIED ──► SHIPPED ──► COMPLETED
       │            │            │            │
       └► CANCELLED ◄┘            └──► REFUNDED ◄┘   (VERIFIED ► REFUNDED too)

- VERIFIED: an online or wallet order once paid (never by hand before that); a cash order once the
  owner accepts it.
- CANCELLED: gives the reserved stock back. A paid order is refunded instead.
- SHIPPED needs a tracking code (except for in-store pickup).
- COMPLETED: for cash on delivery the money is now collected (the cash payment is marked paid).
- REFUNDED (paid orders only): online and wallet payments go back to the shopper's wallet
  (`payment_refund_to_wallet`); stock comes back if nothing was shipped yet. Cash was never held by
  the platform: the shop hands it back in person, so no wallet money moves and the order only
  records the refund. CANCELLED ► REFUNDED exists for an online payment that arrived after the
  order had been cancelled (see services.payments.order_on_paid).
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from asoud.affiliates.services import commission_earn, commission_reverse
from asoud.core.dirty_markets import market_mark_dirty
from asoud.payments.services import payment_cash_collected
from asoud.wallet.services import payment_refund_to_wallet
from storefront.catalog.models import Product, ProductVariant, StockMovement
from storefront.catalog.services import stock_adjust

from ..models import Order, OrderEvent, ShippingMethod
from .notifications import _announce

logger = logging.getLogger(__name__)

S = Order.Status
TRANSITIONS: dict[str, set[str]] = {
    S.PENDING: {S.VERIFIED, S.CANCELLED},
    S.VERIFIED: {S.SHIPPED, S.CANCELLED, S.REFUNDED},
    S.SHIPPED: {S.COMPLETED, S.REFUNDED},
    S.COMPLETED: {S.REFUNDED},
    S.CANCELLED: {S.REFUNDED},
    S.REFUNDED: set(),
}
_PAID_BY_PLATFORM = (Order.PaymentMethod.ONLINE, Order.PaymentMethod.WALLET)
_ANNOUNCED = {S.VERIFIED: "order_paid", S.SHIPPED: "order_shipped", S.COMPLETED: "order_completed"}


def transitions_allowed(order: Order) -> list[str]:
    """The statuses this order may move to now (for the owner dashboard's buttons)."""
    allowed = TRANSITIONS[order.status]
    return [status for status in S.values if status in allowed and not _refusal(order, status, check_tracking=False)]


@transaction.atomic
def order_transition(*, order: Order, to_status: str, actor, note: str = "", tracking_code: str = "") -> Order:
    """Move `order` to `to_status` if allowed, with its side effects, and record who did it and why.

    `actor` is the user (None for the system). Raises ValidationError (code "transition_not_allowed",
    "not_paid", "paid" or "tracking_code_required") and changes nothing when it is not allowed.
    """
    locked = Order.objects.select_for_update().get(pk=order.pk)
    from_status = locked.status
    refusal = _refusal(locked, to_status, tracking_code=tracking_code)
    if refusal:
        raise refusal
    if to_status == S.CANCELLED:
        order_stock_release(order=locked, actor=actor)
    elif to_status == S.SHIPPED:
        locked.tracking_code = tracking_code.strip()
    elif to_status == S.COMPLETED and locked.payment_method == Order.PaymentMethod.CASH:
        _cash_collected(locked)
    elif to_status == S.REFUNDED:
        _refund(locked, from_status=from_status, actor=actor, note=note)
    locked.status = to_status
    locked.save()
    _commission_follow(locked, to_status)
    OrderEvent.objects.create(
        order=locked, from_status=from_status, to_status=to_status, actor_id=_actor_id(actor), note=note[:500]
    )
    order_activity_mark()
    event = _ANNOUNCED.get(to_status)
    if event and (to_status != S.VERIFIED or locked.is_paid):
        _announce(locked, event)
    elif to_status == S.CANCELLED:
        # By the shopper, the owner, a failed payment or the release job: a status changes once.
        _announce(locked, "order_cancelled", owner=False)
    _copy_state(locked, order)
    return locked


def order_activity_mark() -> None:
    """After commit, mark this market for the periodic jobs (roll-up, fraud, recommendations)."""
    schema_name = connection.schema_name
    transaction.on_commit(lambda: market_mark_dirty(schema_name), robust=True)


def _commission_follow(order: Order, to_status: str) -> None:
    """A marketer's commission is earned when the order completes and taken back when it is undone."""
    market = connection.tenant
    if to_status == S.COMPLETED:
        commission_earn(market=market, order_id=order.pk)
    elif to_status in (S.REFUNDED, S.CANCELLED):
        commission_reverse(market=market, order_id=order.pk)


def _refusal(
    order: Order, to_status: str, *, tracking_code: str = "", check_tracking: bool = True
) -> ValidationError | None:
    if to_status not in TRANSITIONS.get(order.status, set()):
        return ValidationError(
            _("An order that is “%(current)s” can't become “%(next)s”.")
            % {
                "current": order.get_status_display(),
                "next": S(to_status).label if to_status in S.values else to_status,
            },
            code="transition_not_allowed",
        )
    if to_status == S.VERIFIED and order.payment_method in _PAID_BY_PLATFORM and not order.is_paid:
        return ValidationError(_("This order is still waiting for its payment."), code="not_paid")
    if to_status == S.CANCELLED and order.is_paid:
        return ValidationError(_("This order is paid: refund it instead of cancelling it."), code="paid")
    if to_status == S.REFUNDED and not order.is_paid:
        return ValidationError(_("Only a paid order can be refunded."), code="not_paid")
    needs_tracking = check_tracking and order.shipping_kind != ShippingMethod.Kind.PICKUP
    if to_status == S.SHIPPED and needs_tracking and not tracking_code.strip():
        return ValidationError(_("Enter the parcel's tracking code."), code="tracking_code_required")
    return None


def order_stock_release(*, order: Order, actor=None) -> bool:
    """Give back the stock this order reserved (once). Call with the order row locked."""
    if order.stock_released_at is not None:
        return False
    items = [item for item in order.items.all() if item.product_id is not None]
    items.sort(key=lambda item: (item.product_id, item.variant_id or 0, item.is_gift))  # same lock order as placing
    products = Product.objects.in_bulk([item.product_id for item in items])
    variants = ProductVariant.objects.in_bulk([item.variant_id for item in items if item.variant_id])
    for item in items:
        product, variant = products.get(item.product_id), variants.get(item.variant_id)
        if product is None or (variant is None and product.has_variants):
            continue  # the product (or variant) is gone: nothing to give back to
        stock_adjust(
            product=product,
            variant=variant,
            delta=item.quantity,
            reason=StockMovement.Reason.RETURN,
            user=actor,
            note=_("Order %(number)s: stock released") % {"number": order.number},
        )
    order.stock_released_at = timezone.now()
    order.save(update_fields=["stock_released_at", "updated_at"])
    return True


def _cash_collected(order: Order) -> None:
    if order.payment_id is not None:
        payment_cash_collected(market=connection.tenant, payment_id=order.payment_id)
    order.paid_at = order.paid_at or timezone.now()


def _refund(order: Order, *, from_status: str, actor, note: str) -> None:
    if order.payment_method in _PAID_BY_PLATFORM and order.payment_id is not None:
        payment_refund_to_wallet(
            market=connection.tenant,
            payment_id=order.payment_id,
            note=note or _("Order %(number)s refunded") % {"number": order.number},
        )
    if from_status == S.VERIFIED:  # nothing left the shop: the goods are back on the shelf
        order_stock_release(order=order, actor=actor)


def _actor_id(actor) -> int | None:
    return actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None


def _copy_state(source: Order, target: Order) -> None:
    if target is not source:
        for name in ("status", "tracking_code", "paid_at", "stock_released_at", "updated_at"):
            setattr(target, name, getattr(source, name))


# Notes the system writes; shown translated on the order's history (`{% translate event.note %}`).
NOTE_PAID_ONLINE = gettext_noop("Paid online.")
NOTE_PAID_WALLET = gettext_noop("Paid from the wallet.")
NOTE_NOTHING_TO_PAY = gettext_noop("Nothing to pay.")
NOTE_PAYMENT_FAILED = gettext_noop("The online payment was not completed.")
NOTE_PAYMENT_EXPIRED = gettext_noop("The online payment was not completed in time.")
NOTE_PAID_AFTER_CANCEL = gettext_noop("Paid after the order was cancelled: refunded to the wallet.")
NOTE_CANCELLED_BY_SHOPPER = gettext_noop("Cancelled by the customer.")
