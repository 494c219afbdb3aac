from django import template

from asoud.core import formatting

register = template.Library()


@register.filter
def order_number(value) -> str:
    """An order number ("1405-000123") in the page's digits, kept left-to-right inside RTL text."""
    return formatting.order_number(value)
