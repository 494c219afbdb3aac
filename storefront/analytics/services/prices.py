"""Price suggestions: computed nightly per market (and on the owner's request for one product), shown
on the dashboard's product page, applied only when the owner accepts (through the catalogue's own
`product_update`). The learning lives in `price_model`."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.db import connection, transaction
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.marketplace.models import Listing
from storefront.catalog.models import Product
from storefront.catalog.services import product_update
from tenants.models import Market

from .. import price_model
from ..models import PriceSuggestion, ProductDaily

logger = logging.getLogger(__name__)

HISTORY_DAYS = 120


class SuggestionRefused(Exception):
    """The suggestion is no longer open, or the product's price changed since (message for the owner)."""


def _history(product_ids: list[int]) -> dict[int, list[price_model.Day]]:
    since = timezone.localdate() - datetime.timedelta(days=HISTORY_DAYS)
    days: dict[int, list[price_model.Day]] = defaultdict(list)
    rows = ProductDaily.objects.filter(product_id__in=product_ids, day__gte=since, price__isnull=False)
    for pk, price, views, orders in rows.order_by("day").values_list("product_id", "price", "views", "orders"):
        days[pk].append(price_model.Day(price=price, views=views, orders=orders))
    return days


def _other_markets(products: list[Product]) -> dict[int, list[int]]:
    """The same product (same title, case aside) in other markets' listings (the marketplace index)."""
    market = connection.tenant
    titles = {p.title.strip().lower(): p.pk for p in products}
    found: dict[int, list[int]] = defaultdict(list)
    listings = (
        Listing.objects.exclude(market_id=getattr(market, "pk", None))
        .annotate(same=Lower(Trim("title")))
        .filter(same__in=list(titles), price__gt=0)
    )
    for same, price in listings.values_list("same", "price")[:5000]:
        found[titles[same]].append(price)
    return found


@transaction.atomic
def price_suggestions_compute(*, product_ids: list[int] | None = None, seed: int = 0) -> int:
    """(Re)compute the open suggestions of the current market's active products (or of some), one
    model per category. A product whose latest suggestion was dismissed at the same price gets none."""
    products = Product.objects.filter(is_active=True, price_main__gt=0).only("pk", "title", "price_main", "category_id")
    if product_ids is not None:
        products = products.filter(pk__in=product_ids)
    products = list(products)
    if not products:
        return 0
    history, others = _history([p.pk for p in products]), _other_markets(products)
    by_category: dict[int | None, list[price_model.ProductPrices]] = defaultdict(list)
    for p in products:
        by_category[p.category_id].append(price_model.ProductPrices(p.pk, p.price_main, history[p.pk], others[p.pk]))
    dismissed = _dismissed_prices([p.pk for p in products])
    PriceSuggestion.objects.filter(product_id__in=[p.pk for p in products], status=PriceSuggestion.Status.OPEN).delete()
    made = []
    for group in by_category.values():
        for pk, found in price_model.suggest_group(group, seed=seed).items():
            if found is None or found.suggested == found.current or dismissed.get(pk) == found.suggested:
                continue
            made.append(_row(pk, found))
    PriceSuggestion.objects.bulk_create(made)
    return len(made)


def _dismissed_prices(product_ids: list[int]) -> dict[int, int]:
    latest = {}
    rows = PriceSuggestion.objects.filter(product_id__in=product_ids).exclude(status=PriceSuggestion.Status.OPEN)
    for pk, status, price in rows.order_by("created_at").values_list("product_id", "status", "suggested_price"):
        latest[pk] = price if status == PriceSuggestion.Status.DISMISSED else None
    return latest


def _row(product_id: int, found: price_model.Suggestion) -> PriceSuggestion:
    return PriceSuggestion(
        product_id=product_id, method=found.method, current_price=found.current, suggested_price=found.suggested,
        orders_change=found.orders_change, revenue_change=found.revenue_change, confidence=found.confidence,
        reasons=found.reasons,
    )  # fmt: skip


def price_suggestions_compute_all() -> dict[str, int]:
    """Nightly: every market, market by market."""

    result = {}
    for market in Market.objects.exclude(schema_name="public").filter(is_template=False):
        with tenant_context(market):
            try:
                result[market.schema_name] = price_suggestions_compute()
            except Exception:  # one market's bad data never stops the others
                logger.exception("price suggestions failed for %s", market.schema_name)
    connection.set_schema_to_public()
    return result


@transaction.atomic
def price_suggestion_accept(*, suggestion: PriceSuggestion) -> Product:
    """Set the product's price to the suggestion (the catalogue's own service validates and reindexes)."""
    suggestion = PriceSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    product = Product.objects.select_for_update().get(pk=suggestion.product_id)
    if not suggestion.is_open:
        raise SuggestionRefused("closed")
    if product.price_main != suggestion.current_price:
        raise SuggestionRefused("price changed")
    product = product_update(product=product, price_main=suggestion.suggested_price)
    suggestion.status, suggestion.decided_at = PriceSuggestion.Status.ACCEPTED, timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    return product


def price_suggestion_dismiss(*, suggestion: PriceSuggestion) -> None:
    updated = PriceSuggestion.objects.filter(pk=suggestion.pk, status=PriceSuggestion.Status.OPEN).update(
        status=PriceSuggestion.Status.DISMISSED, decided_at=timezone.now()
    )
    if not updated:
        raise SuggestionRefused("closed")
