"""Addresses on a market's own host, keeping the scheme and port of the current request."""

from django.urls import reverse


def market_url(request, host: str, path: str = "/") -> str:
    port = request.get_port()
    default_port = "443" if request.is_secure() else "80"
    suffix = f":{port}" if port and port != default_port else ""
    return f"{request.scheme}://{host}{suffix}{path}"


def product_path(slug: str) -> str:
    """The storefront's product page (storefront.catalog.urls, served on market hosts)."""
    return reverse("storefront:product", kwargs={"slug": slug}, urlconf="asoud.urls_tenant")
