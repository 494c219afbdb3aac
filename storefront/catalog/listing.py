"""What a market's catalogue shows in the platform marketplace, and keeping it fresh. The marketplace
index (a public service, a layer below) reads the catalogue only through `listing_product_ids` and
`listing_rows`, which settings name (MARKETPLACE_LISTING_PRODUCT_IDS, MARKETPLACE_LISTING_ROWS)."""

from __future__ import annotations

from django.db import connection

from asoud.core.dirty_markets import market_mark_dirty
from asoud.marketplace.hooks import listing_market_changed, listing_product_changed
from asoud.marketplace.models import Listing
from storefront.affiliate.selectors import affiliate_rates
from tenants.models import Market

from .models import Product
from .pricing import Tier, base_prices

THUMBNAIL_WIDTH = 480


def listing_product_ids(*, market: Market, only: list[int] | None = None) -> list[int]:
    """The products the market offers to the marketplace, or those of `only` it offers (called
    inside the market's schema)."""
    products = Product.objects.filter(is_active=True)
    if only is not None:
        products = products.filter(pk__in=only)
    return list(products.order_by("pk").values_list("pk", flat=True))


def listing_rows(*, market: Market, host: str, product_ids: list[int]) -> list[Listing]:
    """Unsaved listing rows for these products (called inside the market's schema)."""
    products = list(
        Product.objects.filter(pk__in=product_ids, is_active=True)
        .select_related("category")
        .prefetch_related("keywords", "images")
    )
    rates = affiliate_rates(products)
    return [_listing_from(product, market, host, rates.get(product.pk)) for product in products]


def _listing_from(product: Product, market: Market, host: str, rate: int | None) -> Listing:
    images = list(product.images.all())
    return Listing(
        market=market,
        product_id=product.pk,
        title=product.title,
        slug=product.slug,
        price=product.price_main,
        price_marketer=base_prices(product)[Tier.MARKETER],
        image_url=images[0].thumbnail_url(THUMBNAIL_WIDTH) if images else "",
        market_name=market.name,
        market_slug=market.slug,
        market_host=host,
        category_name=product.category.name if product.category else "",
        keywords=" ".join(keyword.name for keyword in product.keywords.all()),
        commission_percent=rate,
        in_stock=product.stock > 0,
        is_featured=product.is_featured,
        sold_count=product.sold_count,
        product_created_at=product.created_at,
    )


def listing_refresh(*, product_ids: list[int] | None) -> None:
    """Keep the platform's cross-market listing index in step (after commit, in Celery)."""
    market_mark_dirty(connection.schema_name)  # and the periodic jobs' view of this market
    if product_ids is None:
        listing_market_changed(schema_name=connection.schema_name)
        return
    for product_id in set(product_ids):
        listing_product_changed(schema_name=connection.schema_name, product_id=product_id)
