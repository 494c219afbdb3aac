"""Absolute links for SMS and email, which are read outside any request."""

from django.conf import settings

from tenants.models import Domain


def _origin(host: str) -> str:
    port = settings.NOTIFICATIONS_LINK_PORT
    default = 443 if settings.NOTIFICATIONS_LINK_SCHEME == "https" else 80
    suffix = f":{port}" if port and port != default else ""
    return f"{settings.NOTIFICATIONS_LINK_SCHEME}://{host}{suffix}"


def platform_link(path: str) -> str:
    return _origin(settings.ASOUD_BASE_DOMAIN) + path


def market_link(*, market_id: int, path: str) -> str:
    """`path` on the market's primary host (its custom domain when it has one)."""
    domain = (
        Domain.objects.filter(tenant_id=market_id)
        .order_by("-is_primary", "id")
        .values_list("domain", flat=True)
        .first()
    )
    return _origin(domain or settings.ASOUD_BASE_DOMAIN) + path
