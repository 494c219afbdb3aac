"""Reads for managing the market's orders (the dashboard and the owner API): order lists and counts, the
overview figures, the low-stock list, and the delivery methods and colleague customers being edited.

Every function runs a fixed number of queries whatever the number of orders (aggregated in SQL).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from asoud.core.phone import normalize_mobile
from storefront.catalog.models import ColleagueCustomer, Product

from ..models import Order, OrderEvent, ShippingMethod

S = Order.Status
# Orders that count as sales: not cancelled or refunded, and either paid or cash on delivery
# (an online order still waiting for its payment is not a sale yet).
SALE = ~Q(status__in=[S.CANCELLED, S.REFUNDED]) & (
    Q(paid_at__isnull=False) | Q(payment_method=Order.PaymentMethod.CASH)
)
# Orders the shop has to act on: cash orders to confirm, confirmed orders to send.
AWAITING = Q(status=S.PENDING, payment_method=Order.PaymentMethod.CASH) | Q(status=S.VERIFIED)


def order_status_counts() -> dict[str, int]:
    """How many orders are in each status (every status present, zero included), plus "all"."""
    rows = Order.objects.order_by().values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(S.values, 0)
    for row in rows:
        counts[row["status"]] = row["n"]
    counts["all"] = sum(counts.values())
    return counts


def order_list_for_dashboard(*, status: str = "", query: str = "") -> QuerySet[Order]:
    """The market's orders, newest first, filtered by status and by number or mobile number."""
    orders = Order.objects.all()
    if status in S.values:
        orders = orders.filter(status=status)
    query = (query or "").strip()
    if query:
        orders = orders.filter(_search(query))
    return orders.annotate(item_count=Count("items")).order_by("-created_at", "-id")


def _search(query: str) -> Q:
    condition = Q(number__icontains=query) | Q(receiver_name__icontains=query)
    try:
        condition |= Q(receiver_mobile=normalize_mobile(query))
    except ValidationError:
        digits = "".join(ch for ch in query if ch.isdigit())
        if len(digits) >= 4:
            condition |= Q(receiver_mobile__contains=digits.lstrip("0"))
    return condition


def access_order_for_dashboard(*, order_id: int) -> Order:
    """One order of the current market with its items, history and shopper, or 404."""
    order = (
        Order.objects.filter(pk=order_id)
        .select_related("user")
        .prefetch_related("items", Prefetch("events", queryset=OrderEvent.objects.select_related("actor")))
        .first()
    )
    if order is None:
        raise Http404
    return order


@dataclass(frozen=True)
class DayFigures:
    day: datetime.date
    sales: int
    orders: int


@dataclass(frozen=True)
class Overview:
    today_sales: int
    today_orders: int
    month_sales: int
    month_orders: int
    awaiting: int
    to_confirm: int
    to_ship: int
    days: list[DayFigures]

    @property
    def series_sales(self) -> int:
        return sum(day.sales for day in self.days)

    @property
    def series_orders(self) -> int:
        return sum(day.orders for day in self.days)


def overview_get(*, today: datetime.date, month_start: datetime.date, days: int = 30) -> Overview:
    """Sales today and since `month_start`, the orders waiting for the shop, and one row per day
    of the last `days` days (days without orders included, as zeros). Two queries."""
    tz = timezone.get_current_timezone()
    first_day = today - datetime.timedelta(days=days - 1)
    today_start = datetime.datetime.combine(today, datetime.time.min, tzinfo=tz)
    month_start_at = datetime.datetime.combine(month_start, datetime.time.min, tzinfo=tz)
    totals = Order.objects.order_by().aggregate(
        today_sales=Sum("total", filter=SALE & Q(created_at__gte=today_start), default=0),
        today_orders=Count("id", filter=SALE & Q(created_at__gte=today_start)),
        month_sales=Sum("total", filter=SALE & Q(created_at__gte=month_start_at), default=0),
        month_orders=Count("id", filter=SALE & Q(created_at__gte=month_start_at)),
        to_confirm=Count("id", filter=Q(status=S.PENDING, payment_method=Order.PaymentMethod.CASH)),
        to_ship=Count("id", filter=Q(status=S.VERIFIED)),
    )
    rows = (
        Order.objects.filter(SALE, created_at__gte=datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tz))
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .order_by()
        .values("day")
        .annotate(sales=Sum("total"), orders=Count("id"))
    )
    by_day = {row["day"]: row for row in rows}
    series = []
    for offset in range(days):
        day = first_day + datetime.timedelta(days=offset)
        row = by_day.get(day, {})
        series.append(DayFigures(day=day, sales=row.get("sales") or 0, orders=row.get("orders") or 0))
    return Overview(
        today_sales=totals["today_sales"],
        today_orders=totals["today_orders"],
        month_sales=totals["month_sales"],
        month_orders=totals["month_orders"],
        awaiting=totals["to_confirm"] + totals["to_ship"],
        to_confirm=totals["to_confirm"],
        to_ship=totals["to_ship"],
        days=series,
    )


def order_list_awaiting(*, limit: int = 5) -> list[Order]:
    """The oldest orders waiting for the shop (first come, first served)."""
    return list(Order.objects.filter(AWAITING).order_by("created_at", "id")[:limit])


def product_list_low_stock(*, limit: int = 6) -> list[Product]:
    """Active products at or under their low-stock threshold, emptiest first."""
    return list(
        Product.objects.filter(is_active=True, stock__lte=F("low_stock_threshold"))
        .only("id", "title", "slug", "stock", "low_stock_threshold")
        .order_by("stock", "title")[:limit]
    )


def shipping_method_get_for_dashboard(*, method_id: int) -> ShippingMethod:
    """A delivery method of this market (active or not), or 404."""
    method = ShippingMethod.objects.filter(pk=method_id).first()
    if method is None:
        raise Http404
    return method


def colleague_list_for_dashboard() -> list[ColleagueCustomer]:
    """Colleague (B2B) customers with their accounts: waiting ones first, then approved, then refused."""
    order = {
        ColleagueCustomer.Status.PENDING: 0,
        ColleagueCustomer.Status.APPROVED: 1,
        ColleagueCustomer.Status.REJECTED: 2,
    }
    colleagues = list(ColleagueCustomer.objects.select_related("user").order_by("-created_at")[:200])
    return sorted(colleagues, key=lambda colleague: order.get(colleague.status, 3))


def colleague_get_for_dashboard(*, colleague_id: int) -> ColleagueCustomer:
    colleague = ColleagueCustomer.objects.filter(pk=colleague_id).first()
    if colleague is None:
        raise Http404
    return colleague
