from django.conf import settings

from .http import port_suffix


def platform(request):
    tenant = getattr(request, "tenant", None)
    return {
        "market": tenant if tenant is not None and not tenant.is_public else None,
        "base_domain": settings.ASOUD_BASE_DOMAIN,
        "platform_url": platform_url(request),
    }


def platform_url(request) -> str:
    """Absolute address of the platform host, keeping the scheme and port of this request."""
    return f"{request.scheme}://{settings.ASOUD_BASE_DOMAIN}{port_suffix(request)}"
