from django import template
from django.conf import settings

from ..links import market_url, product_path

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_url(context, listing) -> str:
    """The product on its market's own site."""
    return market_url(context["request"], listing.market_host, product_path(listing.slug))


@register.simple_tag(takes_context=True)
def market_home_url(context, market) -> str:
    domain = next((d for d in market.domains.all() if d.is_primary), None) or next(iter(market.domains.all()), None)
    return market_url(context["request"], domain.domain if domain else f"{market.slug}.{settings.ASOUD_BASE_DOMAIN}")
