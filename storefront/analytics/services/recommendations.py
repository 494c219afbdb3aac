"""Recommendations, computed in SQL by a scheduled task into `Recommendation` (one market at a time).

- bought together: products that share sale orders (cancelled/refunded/unpaid online orders are not sales);
- similar: products sharing keywords, one point per shared keyword plus one for the same category.
Products without enough rows fall back at read time (selectors: same category, best-selling, newest).
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from storefront.catalog.cache import catalogue_version_bump
from storefront.catalog.models import Product
from storefront.orders.models import Order, OrderItem
from tenants.periodic import market_list_due

from ..models import Recommendation

PER_PRODUCT = 8
# Pages read the ids of at most this many recommendations per product and kind from the cache.
CACHED_LIMIT = PER_PRODUCT
CACHE_SECONDS = 600


def recommendation_cache_key(kind: str, product_id: int) -> str:
    return f"analytics:rec:{kind}:{product_id}"


def recommendations_forget(product_ids) -> None:
    """Drop the cached recommendation ids of these products (pages compute them again)."""
    kinds = Recommendation.Kind.values
    ids = list(product_ids)
    for start in range(0, len(ids), 500):
        cache.delete_many([recommendation_cache_key(k, pk) for pk in ids[start : start + 500] for k in kinds])


LOOKBACK_DAYS = 365

_BOUGHT_TOGETHER = """
WITH sold AS (
    SELECT DISTINCT i.order_id, i.product_id
    FROM {item} i JOIN {order} o ON o.id = i.order_id
    WHERE i.product_id IS NOT NULL AND NOT i.is_gift AND o.created_at >= %(since)s
      AND o.status NOT IN ('cancelled', 'refunded') AND (o.paid_at IS NOT NULL OR o.payment_method = 'cash')
), pairs AS (
    SELECT a.product_id, b.product_id AS related_id, COUNT(*) AS together
    FROM sold a JOIN sold b ON a.order_id = b.order_id AND a.product_id <> b.product_id
    JOIN {product} r ON r.id = b.product_id AND r.is_active
    GROUP BY a.product_id, b.product_id
)
SELECT product_id, related_id, together, rank FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY together DESC, related_id) AS rank FROM pairs
) ranked WHERE rank <= %(limit)s
"""

_SIMILAR = """
WITH shared AS (
    SELECT a.product_id, b.product_id AS related_id, COUNT(*) AS keywords
    FROM {keywords} a JOIN {keywords} b ON a.keyword_id = b.keyword_id AND a.product_id <> b.product_id
    GROUP BY a.product_id, b.product_id
), scored AS (
    SELECT s.product_id, s.related_id,
           s.keywords + CASE WHEN p.category_id IS NOT NULL AND p.category_id = r.category_id THEN 1 ELSE 0 END AS score
    FROM shared s JOIN {product} p ON p.id = s.product_id JOIN {product} r ON r.id = s.related_id AND r.is_active
)
SELECT product_id, related_id, score, rank FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY score DESC, related_id) AS rank FROM scored
) ranked WHERE rank <= %(limit)s
"""


def _rows(sql: str, **params) -> list[tuple]:
    tables = {
        "item": OrderItem._meta.db_table,
        "order": Order._meta.db_table,
        "product": Product._meta.db_table,
        "keywords": Product.keywords.through._meta.db_table,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**tables), {"limit": PER_PRODUCT, **params})
        return cursor.fetchall()


@transaction.atomic
def recommendations_compute(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Replace the current market's recommendations. Returns how many rows of each kind were written."""
    since = (now or timezone.now()) - datetime.timedelta(days=LOOKBACK_DAYS)
    together = _rows(_BOUGHT_TOGETHER, since=since)
    similar = _rows(_SIMILAR)
    Recommendation.objects.all().delete()
    rows = [
        Recommendation(product_id=p, related_id=r, kind=Recommendation.Kind.BOUGHT_TOGETHER, score=s, rank=n)
        for p, r, s, n in together
    ] + [
        Recommendation(product_id=p, related_id=r, kind=Recommendation.Kind.SIMILAR, score=s, rank=n)
        for p, r, s, n in similar
    ]
    Recommendation.objects.bulk_create(rows, batch_size=2000)
    # The cached ids now and again after commit, so a page can't cache the old rows in between; the
    # version bump (itself now and after commit) retires the pages' recommendation fragments.
    product_ids = list(Product.objects.values_list("pk", flat=True))
    recommendations_forget(product_ids)
    transaction.on_commit(lambda: recommendations_forget(product_ids))
    catalogue_version_bump()
    return {"together": len(together), "similar": len(similar)}


def recommendations_compute_all() -> dict[str, dict]:
    result = {}
    for market in market_list_due(job="recommendations"):  # only markets with activity since the last run
        with tenant_context(market):
            result[market.schema_name] = recommendations_compute()
    connection.set_schema_to_public()
    return result
