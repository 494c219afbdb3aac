"""Fraud signals: patterns worth a look, each stored once (per market, kind and subject) with the reason.

Platform-wide ones (sign-in codes, failed payments) read public tables once; market ones (quantities,
shared addresses, refused cash orders) read each market's orders. The scan is idempotent: a signal
seen again is updated, not duplicated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tenants.utils import tenant_context

from asoud.accounts.models import LoginAttempt
from asoud.payments.models import Payment
from asoud.platform_analytics.models import FraudSignal
from storefront.orders.models import Order, OrderEvent, OrderItem
from tenants.periodic import market_list_due

REFUSED_WINDOW_DAYS = 90


@dataclass(frozen=True)
class Signal:
    kind: str
    subject: str
    reason: str
    count: int
    first_seen: datetime.datetime
    last_seen: datetime.datetime
    market_id: int | None = None


def _store(signals: list[Signal]) -> int:
    for signal in signals:
        FraudSignal.objects.update_or_create(
            market_id=signal.market_id,
            kind=signal.kind,
            subject=signal.subject[:200],
            defaults={
                "reason": signal.reason[:300],
                "count": signal.count,
                "first_seen": signal.first_seen,
                "last_seen": signal.last_seen,
            },
        )
    return len(signals)


def signals_platform(*, since: datetime.datetime) -> list[Signal]:
    """Sign-in code requests per number and per IP, failed payments per number and market."""
    signals = []
    requests = LoginAttempt.objects.filter(action=LoginAttempt.Action.REQUEST, created_at__gte=since)
    limit = settings.ANALYTICS_FRAUD_OTP_REQUESTS
    for field, kind in (("mobile", FraudSignal.Kind.OTP_NUMBER), ("ip", FraudSignal.Kind.OTP_IP)):
        rows = requests.exclude(**{f"{field}__isnull": True}).values(field)
        for row in rows.annotate(n=Count("id"), first=Min("created_at"), last=Max("created_at")).filter(n__gte=limit):
            reason = gettext_noop("%(count)s sign-in codes requested in %(days)s days")
            signals.append(Signal(kind, str(row[field]), _fmt(reason, row["n"]), row["n"], row["first"], row["last"]))
    failed = Payment.objects.filter(status=Payment.Status.FAILED, created_at__gte=since).exclude(mobile="")
    rows = failed.values("market_id", "mobile").annotate(n=Count("id"), first=Min("created_at"), last=Max("created_at"))
    for row in rows.filter(n__gte=settings.ANALYTICS_FRAUD_FAILED_PAYMENTS):
        reason = _fmt(gettext_noop("%(count)s failed payments in %(days)s days"), row["n"])
        signals.append(
            Signal(
                FraudSignal.Kind.FAILED_PAYMENTS,
                row["mobile"],
                reason,
                row["n"],
                row["first"],
                row["last"],
                row["market_id"],
            )
        )
    return signals


def _fmt(reason: str, count: int, days: int | None = None) -> str:
    """Reasons are stored in English (the dashboard translates them with their numbers)."""
    return reason % {"count": count, "days": days or settings.ANALYTICS_FRAUD_WINDOW_DAYS}


def signals_market(*, market_id: int, since: datetime.datetime) -> list[Signal]:
    """Unusual quantities, one address for many accounts, cash orders refused on delivery (current schema)."""
    signals = []
    big = OrderItem.objects.filter(order__created_at__gte=since, quantity__gte=settings.ANALYTICS_FRAUD_QUANTITY)
    for item in big.select_related("order"):
        reason = gettext_noop("%(quantity)s × “%(title)s” in one order") % {
            "quantity": item.quantity,
            "title": item.title,
        }
        when = item.order.created_at
        signals.append(Signal(FraudSignal.Kind.QUANTITY, item.order.number or f"#{item.order_id}", reason, item.quantity,
                              when, when, market_id))  # fmt: skip
    shared = (
        Order.objects.filter(created_at__gte=since)
        .values("postal_code")
        .annotate(accounts=Count("user_id", distinct=True), first=Min("created_at"), last=Max("created_at"))
        .filter(accounts__gte=settings.ANALYTICS_FRAUD_ADDRESS_ACCOUNTS)
    )
    for row in shared:
        reason = gettext_noop("%(count)s different accounts ordered to this postal code") % {"count": row["accounts"]}
        signals.append(Signal(FraudSignal.Kind.SHARED_ADDRESS, row["postal_code"], reason, row["accounts"],
                              row["first"], row["last"], market_id))  # fmt: skip
    refused = (
        OrderEvent.objects.filter(
            from_status=Order.Status.SHIPPED,
            to_status=Order.Status.CANCELLED,
            order__payment_method=Order.PaymentMethod.CASH,
            created_at__gte=timezone.now() - datetime.timedelta(days=REFUSED_WINDOW_DAYS),
        )
        .values("order__receiver_mobile")
        .annotate(n=Count("order_id", distinct=True), first=Min("created_at"), last=Max("created_at"))
        .filter(n__gte=settings.ANALYTICS_FRAUD_REFUSED_CASH)
    )
    for row in refused:
        reason = _fmt(gettext_noop("%(count)s cash orders refused on delivery in %(days)s days"), row["n"],
                      REFUSED_WINDOW_DAYS)  # fmt: skip
        signals.append(Signal(FraudSignal.Kind.REFUSED_CASH, row["order__receiver_mobile"], reason, row["n"],
                              row["first"], row["last"], market_id))  # fmt: skip
    return signals


def fraud_scan_market(*, market_id: int, now: datetime.datetime | None = None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(days=settings.ANALYTICS_FRAUD_WINDOW_DAYS)
    return _store(signals_market(market_id=market_id, since=since))


def fraud_scan_all(*, now: datetime.datetime | None = None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(days=settings.ANALYTICS_FRAUD_WINDOW_DAYS)
    connection.set_schema_to_public()
    found = _store(signals_platform(since=since))
    for market in market_list_due(job="fraud"):  # only markets with activity since the last run
        with tenant_context(market):
            found += fraud_scan_market(market_id=market.pk, now=now)
    connection.set_schema_to_public()
    return found


__all__ = ["fraud_scan_all", "fraud_scan_market", "signals_market", "signals_platform"]
