"""Addresses on a market's own host, keeping the scheme and port of the current request."""

from django.urls import reverse

from asoud.core.http import port_suffix


def market_url(request, host: str, path: str = "/") -> str:
    return f"{request.scheme}://{host}{port_suffix(request)}{path}"


def product_path(slug: str) -> str:
    """The storefront's product page (storefront.catalog.urls, served on market hosts)."""
    return reverse("storefront:product", kwargs={"slug": slug}, urlconf="asoud.urls_tenant")
