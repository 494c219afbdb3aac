"""Reads of a market's affiliate terms (run inside the market's schema)."""

from __future__ import annotations

from collections.abc import Iterable

from storefront.catalog.models import Category, Product

from .models import AffiliateOffer


def affiliate_rates(products: Iterable[Product]) -> dict[int, int]:
    """Product id → commission percent, for the products that have an offer (own, else category or a parent's)."""
    products = list(products)
    if not products:
        return {}
    offers = AffiliateOffer.objects.all()
    by_product = {o.product_id: o.rate_percent for o in offers if o.product_id}
    by_category = {o.category_id: o.rate_percent for o in offers if o.category_id}
    parents = dict(Category.objects.values_list("id", "parent_id")) if by_category else {}
    rates = {}
    for product in products:
        rate = by_product.get(product.pk) or _category_rate(product.category_id, by_category, parents)
        if rate:
            rates[product.pk] = rate
    return rates


def _category_rate(category_id: int | None, by_category: dict[int, int], parents: dict[int, int | None]) -> int | None:
    seen = set()
    while category_id is not None and category_id not in seen:
        if category_id in by_category:
            return by_category[category_id]
        seen.add(category_id)
        category_id = parents.get(category_id)
    return None


def affiliate_rate_for(*, product_id: int) -> int | None:
    product = Product.objects.filter(pk=product_id).only("id", "category_id").first()
    if product is None:
        return None
    return affiliate_rates([product]).get(product.pk)


def affiliate_offer_list():
    return AffiliateOffer.objects.select_related("product", "category").order_by("-updated_at")
