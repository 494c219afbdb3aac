from django import template

from asoud.core.templatetags.asoud import local_digits

register = template.Library()


@register.filter
def order_number(value) -> str:
    """An order number ("1405-000123") in the page's digits, kept left-to-right inside RTL text."""
    return f"\u2066{local_digits(value)}\u2069" if value else ""
