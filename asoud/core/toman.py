"""Money and counts as people type them. The database keeps Rials; people type Toman.

`TomanField` is the one place that converts: it accepts Persian, Arabic or ASCII digits with
thousands separators (and one decimal digit, so a price of 12,345 Rials survives an edit), cleans to
**Rials** and shows a stored Rial amount as Toman. The CSV import parses its cells with the same
functions.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .formatting import TO_LATIN_WITH_DECIMAL as _DIGITS

RIALS_PER_TOMAN = 10
MAX_RIALS = 10**15

_SEPARATORS = re.compile(r"[\s,٬،_'\u200c]")


def toman_to_rials(toman: int | Decimal) -> int:
    return int(Decimal(toman) * RIALS_PER_TOMAN)


def rials_to_toman(rials: int) -> Decimal | int:
    """Whole Toman when the amount allows it (it nearly always does), else one decimal place."""
    toman = Decimal(rials) / RIALS_PER_TOMAN
    return int(toman) if toman == toman.to_integral_value() else toman


def parse_toman(text: str) -> int:
    """'۱۲٬۵۰۰' or '12,500' Toman → 125000 Rials; ValidationError with a clear message otherwise."""
    raw = _SEPARATORS.sub("", str(text).translate(_DIGITS))
    if not re.fullmatch(r"\d+(\.\d)?", raw):
        raise ValidationError(_("Enter an amount in Toman using digits only, for example 125000."), code="invalid")
    rials = toman_to_rials(Decimal(raw))
    if rials > MAX_RIALS:
        raise ValidationError(_("This amount is too large."), code="max_value")
    return rials


def parse_whole_number(text: str, *, message) -> int:
    raw = _SEPARATORS.sub("", str(text).translate(_DIGITS))
    if not re.fullmatch(r"-?\d{1,12}", raw):
        raise ValidationError(message, code="invalid")
    return int(raw)


class TomanField(forms.CharField):
    """Typed in Toman, cleaned to integer Rials (None when left empty)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "dir": "ltr", "autocomplete": "off", "maxlength": "24"})

    def prepare_value(self, value):
        # Stored values (ints) are Rials: show Toman. Text is what the user typed: show it back as is.
        if isinstance(value, int):
            return str(rials_to_toman(value))
        return value

    def to_python(self, value) -> int | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 24:
            raise ValidationError(_("This amount is too large."), code="max_value")
        return parse_toman(value)


class WholeNumberField(forms.IntegerField):
    """An integer typed with any digits (Persian too)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = _SEPARATORS.sub("", value.translate(_DIGITS))
        return super().to_python(value)
