"""Keeping the listing index (public schema) in step with the markets' catalogues.

Reads happen inside each market's schema, writes are batched upserts into `marketplace_listing`
(`bulk_create(update_conflicts=True)`) followed by one UPDATE for the search vectors of the batch,
so a market costs a handful of queries however many products it has. Rows a refresh did not touch
(deleted or deactivated products) are removed by their `updated_at`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from asoud.core.page_version import marketplace_version_bump
from asoud.core.text import SQL_TRANSLATE_FROM, SQL_TRANSLATE_TO
from tenants.models import Market
from tenants.selectors import market_list_listed

from .models import Listing

logger = logging.getLogger(__name__)

BATCH_SIZE = 500

_UPDATE_FIELDS = [
    "title", "slug", "price", "price_marketer", "image_url", "market_name", "market_slug", "market_host",
    "category_name", "keywords", "commission_percent", "in_stock", "is_featured", "sold_count",
    "product_created_at", "updated_at",
]  # fmt: skip

_VECTOR_SQL = """
UPDATE marketplace_listing SET search_vector =
  setweight(to_tsvector('simple', translate(lower(title), %(src)s, %(dst)s)), 'A')
  || setweight(to_tsvector('simple', translate(lower(keywords || ' ' || category_name), %(src)s, %(dst)s)), 'B')
  || setweight(to_tsvector('simple', translate(lower(market_name), %(src)s, %(dst)s)), 'C')
WHERE market_id = %(market)s AND product_id = ANY(%(ids)s)
"""


def _catalogue_product_ids(market: Market, only: list[int] | None = None) -> list[int]:
    # The catalogue lives in the tenant layer above: it is reached through the function the settings name.
    return import_string(settings.MARKETPLACE_LISTING_PRODUCT_IDS)(market=market, only=only)


def _catalogue_rows(market: Market, host: str, product_ids: list[int]) -> list[Listing]:
    return import_string(settings.MARKETPLACE_LISTING_ROWS)(market=market, host=host, product_ids=product_ids)


def _is_listable(market: Market) -> bool:
    return (
        market.is_active
        and market.is_listed
        and not market.is_template
        and market.schema_name != get_public_schema_name()
    )


def market_host(market: Market) -> str:
    domain = market.domains.filter(is_primary=True).first() or market.domains.first()
    return domain.domain if domain else f"{market.slug}.{settings.ASOUD_BASE_DOMAIN}"


def listing_index_market(*, market: Market) -> int:
    """Refresh every listing of one market (or remove them all when it is not open). Returns the count."""
    started = timezone.now()
    if not _is_listable(market):
        Listing.objects.filter(market=market).delete()
        marketplace_version_bump()
        return 0
    host = market_host(market)
    with tenant_context(market):
        ids = _catalogue_product_ids(market)
    for start in range(0, len(ids), BATCH_SIZE):
        _index_batch(market, host, ids[start : start + BATCH_SIZE])
    with schema_context(get_public_schema_name()):
        Listing.objects.filter(market=market, updated_at__lt=started).delete()
    marketplace_version_bump()
    return len(ids)


def listing_index_product(*, market: Market, product_id: int) -> bool:
    """Refresh one product's listing; removes it when the product is gone or hidden. True when listed."""
    with tenant_context(market):
        listed = _is_listable(market) and bool(_catalogue_product_ids(market, only=[product_id]))
    if not listed:
        Listing.objects.filter(market=market, product_id=product_id).delete()
        marketplace_version_bump()
        return False
    _index_batch(market, market_host(market), [product_id])
    marketplace_version_bump()
    return True


def listing_rebuild(*, markets: QuerySet[Market] | None = None) -> int:
    """Rebuild the index of `markets` (default: every listed one; `manage.py marketplace_rebuild`) and
    drop the rows of markets no longer listed. Returns the row count."""
    total = 0
    markets = market_list_listed() if markets is None else markets
    for market in markets.iterator(chunk_size=200):
        try:
            total += listing_index_market(market=market)
        except Exception:  # one broken market must not stop the others
            logger.exception("marketplace: indexing %s failed", market.schema_name)
    Listing.objects.exclude(market__in=market_list_listed().values("pk")).delete()
    marketplace_version_bump()
    return total


def _index_batch(market: Market, host: str, product_ids: list[int]) -> None:
    with tenant_context(market):
        rows = _catalogue_rows(market, host, product_ids)
    with schema_context(get_public_schema_name()), transaction.atomic():
        Listing.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["market", "product_id"], update_fields=_UPDATE_FIELDS
        )
        with connection.cursor() as cursor:
            cursor.execute(
                _VECTOR_SQL,
                {"src": SQL_TRANSLATE_FROM, "dst": SQL_TRANSLATE_TO, "market": market.pk, "ids": product_ids},
            )
