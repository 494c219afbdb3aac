from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from .models import Domain, Market



def market_list_active() -> QuerySet[Market]:
    """Markets shoppers can visit: active, not the platform itself nor the template."""
    return (
        Market.objects.filter(status=Market.Status.ACTIVE, is_template=False)
        .exclude(schema_name="public")
        .prefetch_related("domains")
        .order_by("name")
    )


def market_get_by_slug(slug: str) -> Market | None:
    return Market.objects.filter(slug=slug, is_template=False).exclude(schema_name="public").first()


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
    cache.delete_many([_host_key(domain) for domain in market.domains.values_list("domain", flat=True)])
