import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404
from django_tenants.utils import get_public_schema_name, schema_context

from .models import AuditLogEntry, Domain, Market, MarketDocument, MarketVerification, Plan


def market_list_real() -> QuerySet[Market]:
    """Every market that is a shop, whatever its status: not the platform itself nor the template."""
    return Market.objects.filter(is_template=False).exclude(schema_name=get_public_schema_name())


def market_list_active() -> QuerySet[Market]:
    """Markets shoppers can visit: active real markets."""
    return market_list_real().filter(status=Market.Status.ACTIVE).prefetch_related("domains").order_by("name")


def market_list_listed() -> QuerySet[Market]:
    """Markets shown to shoppers in lists (directory, platform search, home): active and listed."""
    return market_list_active().filter(is_listed=True)


def market_get_by_slug(slug: str) -> Market | None:
    return market_list_real().filter(slug=slug).first()


def _host_key(hostname: str) -> str:
    return f"market-for-host:{hostname}"


def market_for_host(hostname: str) -> Market | None:
    """The market serving `hostname`, cached briefly: it is looked up on every request.

    Called with the public schema active, so the (schema-prefixed) cache key is shared by all hosts.
    """
    seconds = settings.ASOUD_HOST_CACHE_SECONDS
    key = _host_key(hostname)
    cached = cache.get(key) if seconds else None
    if cached is not None:
        return cached or None  # False caches "no such host"
    domain = Domain.objects.select_related("tenant").filter(domain=hostname, tenant__is_template=False).first()
    market = domain.tenant if domain else None
    if seconds:
        cache.set(key, market or False, seconds)
    return market


def market_host_cache_clear(market: Market) -> None:
    """Forget the cached host look-ups of `market` (after any change to it).

    The cache prefixes keys with the active schema and market_for_host runs in the public one;
    a save in the dashboard runs with the market's schema active: clear the public schema's keys.
    """
    keys = [_host_key(domain) for domain in market.domains.values_list("domain", flat=True)]
    if connection.schema_name == get_public_schema_name():
        cache.delete_many(keys)
        return
    with schema_context(get_public_schema_name()):
        cache.delete_many(keys)


# --- Standing of a market: what shoppers and the owner may do -------------------------------------

CLOSED_DRAFT = "draft"
CLOSED_SUSPENDED = "suspended"
CLOSED_EXPIRED = "expired"


def market_closed_reason(*, market: Market, user=None, today: datetime.date | None = None) -> str | None:
    """Why the storefront is closed to `user` (CLOSED_*), or None when it is open.

    A draft is open to its owner and to staff only; a suspended or lapsed market (past the grace
    period) is closed to everyone, its owner included, who sees what shoppers see.
    """
    if market.is_suspended:
        return CLOSED_SUSPENDED
    if market.is_draft:
        is_owner = user is not None and user.is_authenticated and user.pk == market.owner_id
        return None if is_owner or (user is not None and user.is_staff) else CLOSED_DRAFT
    if market.is_expired(today):
        return CLOSED_EXPIRED
    return None


def market_is_read_only(market: Market) -> bool:
    """A suspended market's dashboard shows everything but changes nothing."""
    return market.is_suspended


# --- Verification -------------------------------------------------------------------------------


def market_verification_get(*, market: Market) -> MarketVerification | None:
    return MarketVerification.objects.filter(market=market).prefetch_related("documents").first()


def access_market_document(*, user, document_id: int, market: Market | None = None) -> MarketDocument:
    """A verification document of `market` (the calling dashboard view checked the person's role
    there), or, without a market, of any market for staff. Anyone else gets a 404."""
    document = MarketDocument.objects.select_related("verification").filter(pk=document_id).first()
    if document is None:
        raise Http404
    if market is not None:
        if document.verification.market_id != market.pk:
            raise Http404
    elif not (user.is_authenticated and user.is_staff):
        raise Http404
    return document


def market_verification_status(*, market: Market) -> str:
    verification = MarketVerification.objects.filter(market=market).values_list("status", flat=True).first()
    return verification or MarketVerification.Status.NOT_SUBMITTED


def verification_queue() -> QuerySet[MarketVerification]:
    """Markets waiting for review, oldest submission first."""
    return (
        MarketVerification.objects.filter(status=MarketVerification.Status.PENDING)
        .select_related("market", "market__owner")
        .order_by("submitted_at")
    )


# --- Plans and subscriptions --------------------------------------------------------------------


def plan_list_offered() -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True)


def plan_list_purchasable() -> QuerySet[Plan]:
    """Plans an owner can pay for (free plans need no payment)."""
    return plan_list_offered().filter(price_per_month__gt=0)


def market_plan(*, market: Market) -> Plan | None:
    """The market's plan; a market without one is on the free plan (if it exists)."""
    if market.plan_id is not None:
        return market.plan
    return Plan.objects.filter(price_per_month=0, is_active=True).first()


def market_product_limit(*, market: Market) -> int | None:
    """How many products the market's plan allows (None: unlimited). For the catalogue to enforce."""
    plan = market_plan(market=market)
    return plan.max_products if plan is not None else None


def market_list_expiring(*, within_days: int, today: datetime.date) -> QuerySet[Market]:
    """Markets whose paid period ends in the next `within_days` days."""
    return Market.objects.filter(paid_until__gte=today, paid_until__lte=today + datetime.timedelta(days=within_days))


# --- Audit --------------------------------------------------------------------------------------


def audit_entries_for_market(*, market: Market) -> QuerySet[AuditLogEntry]:
    return AuditLogEntry.objects.filter(market=market).select_related("staff")
