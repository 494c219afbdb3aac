"""Stock changes. Every change locks the row, moves the number and records a StockMovement."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from asoud.core.formatting import digits as local_digits
from asoud.notifications.services import notify

from ..cache import catalogue_version_bump
from ..listing import listing_refresh
from ..models import Product, ProductVariant, StockMovement

logger = logging.getLogger(__name__)


@transaction.atomic
def stock_adjust(
    *,
    product: Product,
    delta: int,
    reason: str,
    variant: ProductVariant | None = None,
    user=None,
    note: str = "",
) -> StockMovement:
    """Add `delta` (negative to remove) to the stock of a product, or of one of its variants.

    Rows are locked product first, then variant, so concurrent changes queue up instead of losing
    updates, and the same order everywhere means no deadlocks. Stock never goes below zero.
    """
    if reason not in StockMovement.Reason.values:
        raise ValidationError({"reason": _("Choose a reason for the stock change.")})
    if delta == 0:
        raise ValidationError({"delta": _("The change must not be zero.")})
    locked = Product.objects.select_for_update().get(pk=product.pk)
    if variant is None and locked.has_variants:
        raise ValidationError(_("This product has variants: change the stock of a variant."))
    target = (
        locked if variant is None else ProductVariant.objects.select_for_update().get(pk=variant.pk, product=locked)
    )
    new_quantity = target.stock + delta
    if new_quantity < 0:
        raise ValidationError(
            _("Not enough stock: %(available)s left, %(requested)s requested.")
            % {"available": local_digits(target.stock), "requested": local_digits(-delta)},
            code="insufficient_stock",
        )
    target.stock = new_quantity
    if variant is not None:
        target.save(update_fields=["stock"])
        locked.stock = locked.variants.aggregate(total=Sum("stock"))["total"] or 0
    locked.save(update_fields=["stock", "updated_at"])
    movement = StockMovement.objects.create(
        product=locked,
        variant=target if variant is not None else None,
        delta=delta,
        quantity_after=new_quantity,
        reason=reason,
        note=note[:255],
        user=user if user is not None and getattr(user, "is_authenticated", False) else None,
    )
    # Callers holding the objects see the new numbers.
    product.stock = locked.stock
    if variant is not None:
        variant.stock = new_quantity
    catalogue_version_bump()
    listing_refresh(product_ids=[locked.pk])  # in stock or not is part of the listing
    if delta < 0 and locked.stock <= locked.low_stock_threshold < locked.stock - delta:
        _low_stock_announce(locked)
    return movement


def _low_stock_announce(product: Product) -> None:
    """Tell the owner once, when the stock falls to the low-stock threshold (after commit)."""
    market = connection.tenant
    if getattr(market, "owner_id", None) is None:
        return

    context = {"product_title": product.title, "stock": product.stock, "url": "/dashboard/products/"}

    def announce() -> None:
        try:
            notify(user_id=market.owner_id, event="low_stock", context=context, market_id=market.pk)
        except Exception:  # the stock change is committed; a lost notice must not fail the sale
            logger.exception("low-stock notice for product %s failed", product.pk)

    transaction.on_commit(announce)


def stock_set(
    *, product: Product, quantity: int, reason: str, variant: ProductVariant | None = None, user=None, note: str = ""
) -> StockMovement | None:
    """Set the stock to a counted quantity (a stocktake); records the difference, if any."""
    if quantity < 0:
        raise ValidationError({"quantity": _("Stock cannot be negative.")})
    holder = variant or product
    current = type(holder).objects.values_list("stock", flat=True).get(pk=holder.pk)
    if quantity == current:
        return None
    return stock_adjust(product=product, variant=variant, delta=quantity - current, reason=reason, user=user, note=note)
