"""The staff view's reads: only the public roll-up (never every market's schema)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from asoud.accounts.models import User
from tenants.models import Market
from tenants.selectors import market_list_real

from .models import MarketDayStat


@dataclass(frozen=True)
class PlatformDay:
    day: datetime.date
    sales: int  # GMV, Rials (named for asoud.core.charts.sales_chart)
    orders: int
    new_users: int
    active_markets: int


def platform_days(*, start: datetime.date, end: datetime.date) -> list[PlatformDay]:
    """GMV, orders and markets with orders per day from the roll-up, new users from the users table."""
    stats = {
        row["day"]: row
        for row in MarketDayStat.objects.filter(day__gte=start, day__lte=end)
        .values("day")
        .annotate(total_gmv=Sum("gmv"), total_orders=Sum("orders"), markets=Count("id", filter=Q(orders__gt=0)))
    }
    tz = timezone.get_current_timezone()
    joined = dict(
        User.objects.filter(date_joined__date__gte=start, date_joined__date__lte=end)
        .annotate(day=TruncDate("date_joined", tzinfo=tz))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    days, day = [], start
    while day <= end:
        row = stats.get(day, {})
        days.append(
            PlatformDay(
                day,
                row.get("total_gmv") or 0,
                row.get("total_orders") or 0,
                joined.get(day, 0),
                row.get("markets") or 0,
            )
        )
        day += datetime.timedelta(days=1)
    return days


def top_markets(*, start: datetime.date, end: datetime.date, limit: int = 10) -> list[dict]:
    return list(
        MarketDayStat.objects.filter(day__gte=start, day__lte=end)
        .values("market_id", "market__name", "market__slug")
        .annotate(gmv=Sum("gmv"), orders=Sum("orders"), visits=Sum("visits"))
        .order_by("-gmv", "-orders", "market__slug")[:limit]
    )


def market_counts() -> dict[str, int]:
    markets = market_list_real()
    return {"all": markets.count(), "active": markets.filter(status=Market.Status.ACTIVE).count()}
