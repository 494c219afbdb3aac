"""A market's look on a page the platform shows on its behalf (the sign-in opened from its checkout):
the colours of its published theme, read from the market's own schema."""

from django import template
from django_tenants.utils import schema_context

from storefront.catalog.cache import storefront_version
from storefront.themes.selectors import store_theme_get

register = template.Library()


@register.simple_tag
def market_look(market):
    """The market's StoreTheme (colours, logo), or None for no market."""
    if market is None:
        return None
    with schema_context(market.schema_name):
        return store_theme_get(market=market, version=storefront_version())
