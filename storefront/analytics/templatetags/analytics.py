"""`{% recommended_products product "together" as products %}`: the recommendation includes' data
(a selector call, priced for the viewer's tier), so the lead can drop an include into any page."""

from django import template

from storefront.catalog.http import request_tier
from storefront.catalog.pricing import prices_attach

from ..selectors import bought_together, similar_products

register = template.Library()


@register.simple_tag(takes_context=True)
def recommended_products(context, product, kind: str, limit: int = 4):
    if product is None or not getattr(product, "pk", None):
        return []
    pick = bought_together if kind == "together" else similar_products
    products = pick(product=product, limit=limit)
    request = context.get("request")
    return prices_attach(products, tier=request_tier(request) if request is not None else "retail")
