"""Money, digits and dates as people in Iran read them: Toman, Persian digits, Jalali calendar."""

import datetime

import jdatetime
from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

register = template.Library()

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _is_persian() -> bool:
    return (translation.get_language() or "fa").startswith("fa")


@register.filter
def local_digits(value) -> str:
    text = str(value)
    return text.translate(_PERSIAN_DIGITS) if _is_persian() else text


@register.filter
def ltr(value) -> str:
    """Keep a code such as an order number ("1405-000015") left to right inside Persian text: without
    the isolate its Persian digits become Arabic numbers and the two halves swap places."""
    return f"\u2066{value}\u2069" if value not in (None, "") else ""


@register.filter
def isolate(value) -> str:
    """User text (a name, a chat excerpt) in its own direction inside a sentence of the page's
    language, so quotes and full stops stay where they belong (first-strong isolate)."""
    return f"\u2068{value}\u2069" if value not in (None, "") else ""


def format_toman(rials: int | None, with_unit: bool = True) -> str:
    """Integer Rials shown as Toman (Rial / 10) with thousands separators, digits for the language."""
    if rials is None or rials == "":
        return ""
    toman = int(rials) // 10
    if _is_persian():
        number = f"{toman:,}".replace(",", "٬").translate(_PERSIAN_DIGITS)
    else:
        number = f"{toman:,}"
    unit = _("Toman")  # outside the f-string, where makemessages can find it
    return f"{number} {unit}" if with_unit else number


@register.filter
def toman(rials) -> str:
    return format_toman(rials)


@register.filter
def toman_number(rials) -> str:
    return format_toman(rials, with_unit=False)


@register.filter
def jdate(value, fmt: str = "%d %B %Y") -> str:
    """A date (or datetime) in the Jalali calendar for Persian, Gregorian for English."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _is_persian():
        converted = (
            jdatetime.datetime.fromgregorian(datetime=value)
            if isinstance(value, datetime.datetime)
            else jdatetime.date.fromgregorian(date=value)
        )
        with_locale = converted.aslocale(jdatetime.FA_LOCALE) if hasattr(converted, "aslocale") else converted
        return with_locale.strftime(fmt).translate(_PERSIAN_DIGITS)
    return value.strftime(fmt)


@register.filter
def jdatetime_short(value) -> str:
    return jdate(value, "%Y/%m/%d %H:%M")


@register.filter
def mobile_display(value) -> str:
    """+989121234567 as people write it at home: 0912 123 4567 (Persian digits in fa), isolated for RTL."""
    text = str(value or "")
    if text.startswith("+98") and len(text) == 13:
        text = f"0{text[3:6]} {text[6:9]} {text[9:]}"
    return f"\u2068{local_digits(text)}\u2069"  # first-strong isolate keeps the digits in order in RTL text


@register.filter
def get_item(mapping, key):
    """mapping[key] in templates (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
