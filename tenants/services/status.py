"""Staff decisions on a market's standing: suspend, reactivate, change its plan."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AuditLogEntry, Market, Plan
from ..notify import market_owner_notify
from ..selectors import market_host_cache_clear
from ..signals import market_listing_changed
from .audit import audit_record


def _market_locked(market: Market) -> Market:
    return Market.objects.select_for_update().get(pk=market.pk)


def _after_commit_clear_cache(market: Market) -> None:
    # Hosts cache the market row (with its status and plan): drop it once the change is visible.
    transaction.on_commit(lambda: market_host_cache_clear(market))
    # Its products enter or leave the platform's marketplace listing.
    market_listing_changed.send(sender=Market, schema_name=market.schema_name)


def _update(market: Market, **fields) -> None:
    # A queryset update: Market.save() refuses to run while another market's schema is active.
    Market.objects.filter(pk=market.pk).update(**fields, updated_at=timezone.now())
    for name, value in fields.items():
        setattr(market, name, value)


@transaction.atomic
def market_suspend(*, market: Market, staff, reason: str) -> Market:
    """Close the storefront and make the dashboard read-only, with a reason the owner can read."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for the suspension."), code="reason")
    market = _market_locked(market)
    if market.is_public or market.is_template:
        raise ValidationError(_("This market cannot be suspended."), code="platform")
    if market.is_suspended:
        raise ValidationError(_("%(market)s is suspended already.") % {"market": market.name}, code="suspended")
    previous = market.status
    _update(market, status=Market.Status.SUSPENDED, status_reason=reason)
    audit_record(
        staff=staff, action=AuditLogEntry.Action.SUSPEND, market=market, reason=reason, details={"from": previous}
    )
    _after_commit_clear_cache(market)
    market_owner_notify(market=market, event="market_suspended", context={"reason": reason})
    return market


@transaction.atomic
def market_reactivate(*, market: Market, staff, reason: str = "") -> Market:
    """Open a suspended (or draft) market again."""
    market = _market_locked(market)
    if market.is_active:
        raise ValidationError(_("%(market)s is active already.") % {"market": market.name}, code="active")
    previous = market.status
    _update(market, status=Market.Status.ACTIVE, status_reason="")
    audit_record(
        staff=staff,
        action=AuditLogEntry.Action.REACTIVATE,
        market=market,
        reason=(reason or "").strip(),
        details={"from": previous},
    )
    _after_commit_clear_cache(market)
    market_owner_notify(market=market, event="market_reactivated", context={})
    return market


@transaction.atomic
def market_plan_change(
    *, market: Market, staff, plan: Plan, paid_until: datetime.date | None, reason: str = ""
) -> Market:
    """Put a market on `plan`, paid until `paid_until` (None: never expires)."""
    market = _market_locked(market)
    before = {"plan": market.plan.code if market.plan else None, "paid_until": _iso(market.paid_until)}
    _update(market, plan=plan, paid_until=paid_until)
    audit_record(
        staff=staff,
        action=AuditLogEntry.Action.PLAN_CHANGE,
        market=market,
        reason=(reason or "").strip(),
        details={"before": before, "after": {"plan": plan.code, "paid_until": _iso(paid_until)}},
    )
    _after_commit_clear_cache(market)
    return market


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
