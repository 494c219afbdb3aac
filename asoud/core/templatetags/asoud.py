"""Template filters for money, digits and dates: thin wrappers over `asoud.core.formatting`, the one
place that decides how a number, an amount or a date reads (Toman, Persian digits, Jalali calendar)."""

from django import template

from asoud.core import formatting

register = template.Library()

# Python callers should import from asoud.core.formatting; these names stay for templates.
format_toman = formatting.toman


@register.filter
def local_digits(value) -> str:
    return formatting.digits(value)


@register.filter
def ltr(value) -> str:
    return formatting.ltr(value)


@register.filter
def isolate(value) -> str:
    return formatting.isolate(value)


@register.filter
def toman(rials) -> str:
    return formatting.toman(rials)


@register.filter
def toman_number(rials) -> str:
    return formatting.toman(rials, unit=False)


@register.filter
def jdate(value, fmt: str = formatting.DATE) -> str:
    return formatting.date(value, fmt)


@register.filter
def jdatetime_short(value) -> str:
    return formatting.datetime_short(value)


@register.filter
def day_month(value) -> str:
    return formatting.day_month(value)


@register.filter
def order_number(value) -> str:
    return formatting.order_number(value)


@register.filter
def mobile_display(value) -> str:
    return formatting.mobile(value)


@register.filter
def get_item(mapping, key):
    """mapping[key] in templates (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
