"""Search-engine and social metadata: canonical URLs, Open Graph, JSON-LD (schema.org)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import get_language, gettext

from asoud.core.text import plain_text

from .pricing import Price


@dataclass
class Seo:
    title: str
    description: str = ""
    canonical: str = ""
    image: str = ""
    type: str = "website"
    json_ld: list[dict] = field(default_factory=list)
    noindex: bool = False

    @property
    def locale(self) -> str:
        return "fa_IR" if (get_language() or "fa").startswith("fa") else "en_US"


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if path else ""


def describe(text: str, limit: int = 160) -> str:
    text = plain_text(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def organization_ld(request, market, contact=None, logo_url: str = "") -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": market.name,
        "url": absolute(request, "/"),
    }
    if market.description:
        data["description"] = market.description
    if logo_url:
        data["logo"] = absolute(request, logo_url)
    if contact is not None:
        point = {k: v for k, v in {"telephone": contact.phone or contact.mobile, "email": contact.email}.items() if v}
        if point:
            data["contactPoint"] = {"@type": "ContactPoint", "contactType": "customer service", **point}
        if contact.address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": contact.address,
                "addressLocality": contact.city,
                "addressRegion": contact.province,
                "postalCode": contact.postal_code,
                "addressCountry": "IR",
            }
    return data


def breadcrumbs_ld(request, crumbs: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": absolute(request, url)}
            for index, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def product_ld(request, *, product, price: Price, in_stock: bool, sku: str, image_urls: list[str], market) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "description": describe(product.description, 500),
        "sku": sku,
        "url": absolute(request, product.get_absolute_url()),
        "image": [absolute(request, url) for url in image_urls],
        "brand": {"@type": "Brand", "name": market.name},
        "offers": {
            "@type": "Offer",
            "url": absolute(request, product.get_absolute_url()),
            "priceCurrency": "IRR",
            "price": str(price.unit),
            "availability": "https://schema.org/InStock" if in_stock else "https://schema.org/OutOfStock",
            "itemCondition": "https://schema.org/NewCondition",
            "seller": {"@type": "Organization", "name": market.name},
        },
    }
    if product.category_id:
        data["category"] = product.category.name
    return {k: v for k, v in data.items() if v}


def home_crumb() -> tuple[str, str]:
    return (gettext("Home"), reverse("storefront:home"))
