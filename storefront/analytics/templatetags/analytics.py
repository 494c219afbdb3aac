"""`{% recommended_products product "together" as products %}`: the recommendation includes' data
(a selector call, priced for the viewer's tier), so the lead can drop an include into any page."""

from django import template

from asoud.core.templatetags.asoud import local_digits
from storefront.catalog.http import request_tier
from storefront.catalog.pricing import prices_attach

from ..selectors import bought_together, product_recommendations_both, similar_products

register = template.Library()


@register.simple_tag(takes_context=True)
def recommended_products(context, product, kind: str, limit: int = 4):
    if product is None or not getattr(product, "pk", None):
        return []
    request = context.get("request")
    if request is None:
        pick = bought_together if kind == "together" else similar_products
        return prices_attach(pick(product=product, limit=limit), tier="retail")
    # A product page shows both kinds: load them together, once per request.
    memo = request.__dict__.setdefault("_recommendations", {})
    if (product.pk, limit) not in memo:
        both = product_recommendations_both(product=product, limit=limit)
        prices_attach([item for items in both.values() for item in items], tier=request_tier(request))
        memo[(product.pk, limit)] = both
    return memo[(product.pk, limit)]["together" if kind == "together" else "similar"]


@register.filter
def percent_signed(value) -> str:
    """0.053 → "+5%" (digits in the page's language); empty for None."""

    return "" if value is None else local_digits(f"{round(value * 100):+d}%")


@register.filter
def percent_plain(value) -> str:
    """0.8 → "80%"; empty for None."""

    return "" if value is None else local_digits(f"{round(value * 100)}%")
