"""Daily aggregates per market and product, and the public per-market roll-up for staff.

Idempotent: a day's rows are deleted and inserted again in one transaction, so running a day twice
gives the same numbers.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.platform_analytics.models import MarketDayStat
from storefront.catalog.models import Discount, Product
from storefront.orders.models import Order, OrderItem
from storefront.orders.selectors import SALE
from tenants.periodic import market_list_due

from ..models import Event, MarketDaily, ProductDaily, VisitSession

K = Event.Kind


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day in the market's time zone (Asia/Tehran), as aware datetimes [start, end)."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def market_day_compute(day: datetime.date) -> MarketDaily:
    """The day's figures of the current market from its orders and events (unsaved)."""
    start, end = day_bounds(day)
    events = Event.objects.filter(created_at__gte=start, created_at__lt=end)
    counts = events.aggregate(
        page_views=Count("id", filter=Q(kind__in=[K.PAGE_VIEW, K.PRODUCT_VIEW, K.SEARCH])),
        product_views=Count("id", filter=Q(kind=K.PRODUCT_VIEW)),
        searches=Count("id", filter=Q(kind=K.SEARCH)),
        carts=Count("id", filter=Q(kind=K.ADD_TO_CART)),
        visits_viewing=Count("session_key", filter=Q(kind=K.PRODUCT_VIEW), distinct=True),
        visits_carting=Count("session_key", filter=Q(kind=K.ADD_TO_CART), distinct=True),
        visits_checkout=Count("session_key", filter=Q(kind=K.CHECKOUT_STARTED), distinct=True),
        visits_paid=Count("session_key", filter=Q(kind=K.ORDER_PAID), distinct=True),
    )
    sales = Order.objects.filter(SALE, created_at__gte=start, created_at__lt=end)
    totals = sales.aggregate(orders=Count("id"), revenue=Sum("total"))
    units = OrderItem.objects.filter(order__in=sales).aggregate(units=Sum("quantity"))["units"] or 0
    first_orders = Order.objects.filter(SALE).values("user_id").annotate(first=Min("created_at"))
    new_customers = first_orders.filter(first__gte=start, first__lt=end).count()
    visits = VisitSession.objects.filter(started_at__gte=start, started_at__lt=end).count()
    return MarketDaily(
        day=day, visits=visits, orders=totals["orders"], revenue=totals["revenue"] or 0, units=units,
        new_customers=new_customers, **counts,
    )  # fmt: skip


def product_days_compute(day: datetime.date) -> list[ProductDaily]:
    """The day's figures per product of the current market (unsaved)."""
    start, end = day_bounds(day)
    rows: dict[int, ProductDaily] = {}

    def row(product_id: int) -> ProductDaily:
        return rows.setdefault(product_id, ProductDaily(day=day, product_id=product_id))

    events = Event.objects.filter(created_at__gte=start, created_at__lt=end, product_id__isnull=False)
    for item in events.values("product_id").annotate(
        views=Count("id", filter=Q(kind=K.PRODUCT_VIEW)), carts=Count("id", filter=Q(kind=K.ADD_TO_CART))
    ):
        target = row(item["product_id"])
        target.views, target.carts = item["views"], item["carts"]
    sold = OrderItem.objects.filter(
        order__in=Order.objects.filter(SALE, created_at__gte=start, created_at__lt=end), product_id__isnull=False
    )
    for item in sold.values("product_id").annotate(
        orders=Count("order_id", distinct=True), units=Sum("quantity"), revenue=Sum("line_total")
    ):
        target = row(item["product_id"])
        target.orders, target.units, target.revenue = item["orders"], item["units"], item["revenue"]
        target.price = item["revenue"] // item["units"] if item["units"] else None
    kept = [r for r in rows.values() if r.views or r.carts or r.orders]
    _shown_prices_fill([r for r in kept if r.price is None], end)
    return kept


def _shown_prices_fill(rows: list[ProductDaily], end: datetime.datetime) -> None:
    """Days without a sale: the main price less the best one-item retail discount running at the
    day's end, or now for today (two queries)."""

    if not rows:
        return
    ids = [r.product_id for r in rows]
    prices = dict(Product.objects.filter(pk__in=ids).values_list("pk", "price_main"))
    at = min(end - datetime.timedelta(seconds=1), timezone.now())
    best: dict[int, int] = {}
    for discount in Discount.objects.current(at).filter(product_id__in=ids, variant=None, min_quantity__lte=1):
        price = prices.get(discount.product_id, 0)
        best[discount.product_id] = max(best.get(discount.product_id, 0), discount.amount_off(price))
    for r in rows:
        if r.product_id in prices:
            r.price = prices[r.product_id] - best.get(r.product_id, 0)


@transaction.atomic
def rollup_day(*, day: datetime.date, market_id: int | None = None) -> MarketDaily:
    """Recompute one day of the current market (and its public row when `market_id` is given)."""
    market_day = market_day_compute(day)
    products = product_days_compute(day)
    MarketDaily.objects.filter(day=day).delete()
    ProductDaily.objects.filter(day=day).delete()
    market_day.save()
    ProductDaily.objects.bulk_create(products, batch_size=1000)
    if market_id is not None:
        MarketDayStat.objects.update_or_create(
            market_id=market_id,
            day=day,
            defaults={
                "visits": market_day.visits,
                "orders": market_day.orders,
                "gmv": market_day.revenue,
                "new_customers": market_day.new_customers,
            },
        )
    return market_day


def rollup_range(*, start: datetime.date, end: datetime.date, market_id: int | None = None) -> int:
    day, done = start, 0
    while day <= end:
        rollup_day(day=day, market_id=market_id)
        day += datetime.timedelta(days=1)
        done += 1
    return done


# Days the hourly roll-up still rewrites (today and yesterday): readers compute these live, so every
# page agrees with the orders themselves (see live_days).
ROLLUP_DAYS = 2


def live_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days of [start, end] that the roll-up may not have caught up with yet."""
    first_live = timezone.localdate() - datetime.timedelta(days=ROLLUP_DAYS - 1)
    day, days = max(start, first_live), []
    while day <= end:
        days.append(day)
        day += datetime.timedelta(days=1)
    return days


def rollup_all(*, days: int = ROLLUP_DAYS) -> dict[str, int]:
    """The last `days` days (today included) of every market with activity since the last run (and of
    every market once a day: tenants.periodic), market by market."""

    today = timezone.localdate()
    result = {}
    for market in market_list_due(job="rollup"):  # only markets with activity since the last run
        with tenant_context(market):
            result[market.schema_name] = rollup_range(
                start=today - datetime.timedelta(days=days - 1), end=today, market_id=market.pk
            )
    connection.set_schema_to_public()
    return result
