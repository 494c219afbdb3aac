"""Reads of the affiliate programme: a marketer's links, numbers, referrals and withdrawals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from asoud.marketplace.selectors import listings_for
from asoud.wallet.selectors import wallet_balance

from .models import AffiliateLink, Click, Marketer, Referral, Withdrawal


def marketer_for_user(user) -> Marketer | None:
    if user is None or not user.is_authenticated:
        return None
    return Marketer.objects.filter(user=user, is_active=True).first()


def marketer_get_by_handle(*, handle: str) -> Marketer:
    marketer = Marketer.objects.filter(handle=handle.lower(), is_active=True).first()
    if marketer is None:
        raise Http404
    return marketer


def access_link(marketer: Marketer, link_id: int) -> AffiliateLink:
    """One of this marketer's links; 404 for anyone else's."""
    link = AffiliateLink.objects.filter(pk=link_id, marketer=marketer).first()
    if link is None:
        raise Http404
    return link


def link_get_by_code(*, code: str) -> AffiliateLink | None:
    return (
        AffiliateLink.objects.select_related("marketer", "market").filter(code=code, marketer__is_active=True).first()
    )


def links_with_listings(links) -> list[AffiliateLink]:
    """Attach `link.listing` (the product in the index, or None when it left it) to each link."""
    links = list(links)
    listings = listings_for([(link.market_id, link.product_id) for link in links])
    for link in links:
        link.listing = listings.get((link.market_id, link.product_id))
    return links


def link_list(*, marketer: Marketer) -> list[AffiliateLink]:
    links = (
        marketer.links.select_related("market")
        .annotate(
            click_count=Count("clicks", distinct=True),
            order_count=Count("referrals", filter=~Q(referrals__status=Referral.Status.CANCELLED), distinct=True),
        )
        .order_by("-created_at", "-id")
    )
    return links_with_listings(links)


def page_links(*, marketer: Marketer) -> list[AffiliateLink]:
    """The picks shown on the marketer's public page: only products still on sale."""
    links = marketer.links.filter(is_on_page=True, market__status="active").order_by("-created_at", "-id")
    return [link for link in links_with_listings(links) if link.listing is not None]


def referral_list(*, marketer: Marketer) -> QuerySet[Referral]:
    return marketer.referrals.select_related("market", "link").order_by("-created_at", "-id")


def withdrawal_list(*, marketer: Marketer) -> QuerySet[Withdrawal]:
    return marketer.withdrawals.order_by("-created_at", "-id")


@dataclass(frozen=True)
class DayFigures:
    day: datetime.date
    clicks: int
    orders: int


@dataclass(frozen=True)
class MarketerStats:
    clicks: int
    orders: int
    pending: int
    earned: int
    balance: int
    days: list[DayFigures]

    @property
    def conversion(self) -> float:
        """Orders per 100 counted clicks, one decimal."""
        return round(100 * self.orders / self.clicks, 1) if self.clicks else 0.0


def marketer_stats(*, marketer: Marketer, days: int = 30) -> MarketerStats:
    """All-time clicks, orders and commission, and the last `days` days one by one (for the chart)."""
    clicks = Click.objects.filter(link__marketer=marketer)
    referrals = Referral.objects.filter(marketer=marketer).exclude(status=Referral.Status.CANCELLED)
    money = referrals.aggregate(
        pending=Sum("commission", filter=Q(status=Referral.Status.PENDING), default=0),
        earned=Sum("commission", filter=Q(status=Referral.Status.EARNED), default=0),
    )
    return MarketerStats(
        clicks=clicks.count(),
        orders=referrals.count(),
        pending=money["pending"],
        earned=money["earned"],
        balance=wallet_balance(user=marketer.user),
        days=_daily(clicks, referrals, days),
    )


def _daily(clicks, referrals, days: int) -> list[DayFigures]:
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))

    def per_day(queryset):
        rows = queryset.filter(created_at__gte=since).annotate(day=TruncDate("created_at")).values("day")
        return {row["day"]: row["n"] for row in rows.annotate(n=Count("id")).order_by()}

    click_days, order_days = per_day(clicks), per_day(referrals)
    dates = [first + datetime.timedelta(days=offset) for offset in range(days)]
    return [DayFigures(day=d, clicks=click_days.get(d, 0), orders=order_days.get(d, 0)) for d in dates]
