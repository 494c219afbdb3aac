"""Writes of a market's affiliate terms (run inside the market's schema). The index follows after commit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from asoud.marketplace.hooks import listing_market_changed, listing_product_changed
from storefront.catalog.models import Category, Product

from .models import AffiliateOffer


@transaction.atomic
def affiliate_offer_set(
    *, product: Product | None = None, category: Category | None = None, rate_percent: int | None
) -> AffiliateOffer | None:
    """Offer `rate_percent` commission on a product or a category; None (or 0) withdraws the offer.

    The marketplace index (public schema) is refreshed after commit: the product, or the whole market
    for a category (its products may be many).
    """
    if (product is None) == (category is None):
        raise ValidationError(_("Choose either a product or a category."))
    target = {"product": product} if product is not None else {"category": category}
    offer = None
    if not rate_percent:
        AffiliateOffer.objects.filter(**target).delete()
    else:
        offer = AffiliateOffer.objects.filter(**target).first() or AffiliateOffer(**target)
        offer.rate_percent = rate_percent
        offer.full_clean()
        offer.save()
    _index_after_commit(product_id=product.pk if product is not None else None)
    return offer


def _index_after_commit(*, product_id: int | None) -> None:
    schema_name = connection.schema_name
    if product_id is not None:
        listing_product_changed(schema_name=schema_name, product_id=product_id)
    else:
        listing_market_changed(schema_name=schema_name)
