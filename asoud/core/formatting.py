"""How ASOUD shows numbers, money and dates, in one place (issue 15, item 11).

Persian pages get Persian digits, Toman with the Persian thousands separator and Jalali dates with
full month names; English pages get Latin digits, Toman and Gregorian dates. Template filters
(`asoud.core.templatetags.asoud`), charts, the staff admin, notification and SMS texts and the API's
`display` strings all call these functions, so a number reads the same everywhere. Reading input
(`latin_digits`) is the other direction: what people type with a Persian or Arabic keyboard.

Money is an integer number of Rials; it is shown in Toman (Rial / 10), never through floats.
"""

from __future__ import annotations

import contextlib
import datetime

import jdatetime
from django.utils import timezone, translation
from django.utils.translation import gettext as _

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_THOUSANDS = "٬"
PERSIAN_DECIMAL = "٫"

_TO_PERSIAN = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)
# Persian and Arabic digits (and the Persian decimal point) as Latin, for parsing what people type.
TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
TO_LATIN_WITH_DECIMAL = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS + PERSIAN_DECIMAL, LATIN_DIGITS * 2 + ".")

LEFT_TO_RIGHT_ISOLATE, FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2066", "\u2068", "\u2069"

DATE = "%d %B %Y"  # 17 Aban 1405: full month names (jdatetime's %b cuts آبان to "آبا")
DAY_MONTH = "%d %B"  # chart axes and tooltips
SHORT_DATETIME = "%Y/%m/%d %H:%M"


def is_persian(language: str | None = None) -> bool:
    """Whether `language` (default: the active one; none active means the site default) is Persian."""
    return (language or translation.get_language() or "fa").startswith("fa")


def digits(value, language: str | None = None) -> str:
    """`value` as text with the language's digits (Persian for fa, Latin otherwise)."""
    text = "" if value is None else str(value)
    return text.translate(_TO_PERSIAN) if is_persian(language) else text


def latin_digits(text, *, decimal_point: bool = False) -> str:
    """Typed text with Persian/Arabic digits read as Latin ones ("۰۹۱۲" → "0912")."""
    return str(text or "").translate(TO_LATIN_WITH_DECIMAL if decimal_point else TO_LATIN)


def number(value: int, language: str | None = None) -> str:
    """An integer with thousands separators: 1,250 / ۱٬۲۵۰."""
    text = f"{int(value):,}"
    return digits(text.replace(",", PERSIAN_THOUSANDS), language) if is_persian(language) else text


def toman(rials, *, unit: bool = True, language: str | None = None) -> str:
    """Integer Rials shown as Toman (Rial / 10) with thousands separators; "" for no amount."""
    if rials is None or rials == "":
        return ""
    amount = number(int(rials) // 10, language)
    if not unit:
        return amount
    with translation.override(language) if language else contextlib.nullcontext():
        unit_name = _("Toman")
    return f"{amount} {unit_name}"


def date(value, fmt: str = DATE, language: str | None = None) -> str:
    """A date or datetime (aware ones in the site's time zone): Jalali with Persian digits and month
    names for Persian, Gregorian for English."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not is_persian(language):
        return value.strftime(fmt)
    converted = (
        jdatetime.datetime.fromgregorian(datetime=value)
        if isinstance(value, datetime.datetime)
        else jdatetime.date.fromgregorian(date=value)
    )
    return digits(converted.aslocale(jdatetime.FA_LOCALE).strftime(fmt), "fa")


def datetime_short(value, language: str | None = None) -> str:
    """1405/09/17 14:30 (Persian digits in fa), for tables and API display strings."""
    return date(value, SHORT_DATETIME, language)


def day_month(value, language: str | None = None) -> str:
    """ "17 آبان" / "08 December": chart axes and tooltips (full month names, never cut)."""
    return date(value, DAY_MONTH, language)


def jalali_numeric(day: datetime.date, language: str | None = None) -> str:
    """1405/08/17 in the language's digits: the value of a Jalali date field."""
    return digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"), language)


def ltr(value) -> str:
    """Keep a code such as an order number ("1405-000015") left to right inside Persian text: without
    the isolate its Persian digits become Arabic numbers and the two halves swap places."""
    return f"{LEFT_TO_RIGHT_ISOLATE}{value}{POP_ISOLATE}" if value not in (None, "") else ""


def isolate(value) -> str:
    """User text (a name, a chat excerpt) in its own direction inside a sentence of the page's
    language, so quotes and full stops stay where they belong (first-strong isolate)."""
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_ISOLATE}" if value not in (None, "") else ""


def order_number(value, language: str | None = None) -> str:
    """An order number ("1405-000123") in the language's digits, never reversed in right-to-left
    text: pages, notifications and SMS all show it through this function."""
    return ltr(digits(value, language)) if value else ""


def mobile(value, language: str | None = None) -> str:
    """+989121234567 as people write it at home: 0912 123 4567 (Persian digits in fa), isolated."""
    text = str(value or "")
    if text.startswith("+98") and len(text) == 13:
        text = f"0{text[3:6]} {text[6:9]} {text[9:]}"
    return isolate(digits(text, language)) if text else ""
