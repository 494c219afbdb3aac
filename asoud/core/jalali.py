"""The dashboard's Jalali dates: parsing what an owner types or picks (Persian or Latin digits, Jalali
or ISO), and the server-rendered month calendar that fills a date field (no JavaScript library).

Every Persian date field of the dashboard uses it: the analytics period and the product discounts."""

from __future__ import annotations

import datetime
import re

import jdatetime
from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from asoud.core import formatting
from asoud.core.formatting import TO_LATIN as _DIGITS

_WEEKDAYS = ["ش", "ی", "د", "س", "چ", "پ", "ج"]  # the Iranian week starts on Saturday
_FIELD = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


def parse_day(value: str) -> datetime.date:
    """ISO dates from date inputs; a year before 1700 is read as Jalali (typed by hand: 1404-01-15)."""
    text = value.strip().translate(_DIGITS).replace("/", "-")
    year, month, day = (int(part) for part in text.split("-"))
    if year < 1700:
        return jdatetime.date(year, month, day).togregorian()
    return datetime.date(year, month, day)


def parse_moment(value: str, *, end_of_day: bool = False) -> datetime.datetime:
    """A date with an optional time ("1405/09/16", "1405/09/16 14:30", "2026-12-07T14:30"), aware.
    A date alone is the start of that day, or its last minute with `end_of_day`."""
    text = value.strip().translate(_DIGITS).replace("T", " ")
    day_text, _sep, time_text = text.partition(" ")
    moment = datetime.time(23, 59) if end_of_day else datetime.time.min
    if time_text.strip():
        hour, minute = (int(part) for part in time_text.strip().split(":")[:2])
        moment = datetime.time(hour, minute)
    return timezone.make_aware(datetime.datetime.combine(parse_day(day_text), moment))


def jalali_text(day: datetime.date) -> str:
    """1405/08/17 with the page's digits (the parsers read Persian digits back)."""
    return formatting.jalali_numeric(day)


class JalaliOrIsoDateField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_day(value)
        except ValueError:
            raise forms.ValidationError(_("Enter a date like 2025-03-21 or 1404-01-01.")) from None


class JalaliDateTimeInput(forms.DateTimeInput):
    """A Jalali text field on Persian pages (filled by the calendar), the browser's picker otherwise."""

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    def get_context(self, name, value, attrs):
        persian = translation.get_language() == "fa"
        self.input_type = "text" if persian else "datetime-local"
        if persian:  # rendered by hand in an input group (dashboard/includes/jalali_field.html)
            attrs = {**(attrs or {}), "class": "form-control", "dir": "ltr", "autocomplete": "off"}
            attrs["placeholder"] = "۱۴۰۵/۰۱/۰۱ ۰۹:۰۰"
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        if isinstance(value, datetime.datetime) and translation.get_language() == "fa":
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            text = formatting.jalali_numeric(local.date())
            return text if local.time() == datetime.time.min else f"{text} {formatting.digits(f'{local:%H:%M}')}"
        return super().format_value(value)


class JalaliDateTimeField(forms.DateTimeField):
    """Accepts the Jalali text of Persian pages and the ISO value of the browser's picker."""

    widget = JalaliDateTimeInput

    def __init__(self, *args, end_of_day: bool = False, **kwargs):
        self.end_of_day = end_of_day
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value
        try:
            return parse_moment(str(value), end_of_day=self.end_of_day)
        except (ValueError, TypeError):
            raise forms.ValidationError(_("Enter a date like 1405/01/15 or 1405/01/15 09:30.")) from None


def jalali_month_grid(year: int, month: int) -> list[list[jdatetime.date | None]]:
    """The weeks of a Jalali month, Saturday first, with None for the days outside it."""
    first = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + (month == 12), month % 12 + 1, 1)
    days = [first + datetime.timedelta(days=n) for n in range((following - first).days)]
    cells: list[jdatetime.date | None] = [None] * first.weekday() + days  # weekday(): Saturday is 0
    cells += [None] * (-len(cells) % 7)
    return [cells[start : start + 7] for start in range(0, len(cells), 7)]


def calendar_render(request, *, url_name: str):
    """A month of the Jalali calendar for the field `?field=` (its id without "id_"); picking a day
    fills the field (static/js/jalali-picker.js)."""
    field = request.GET.get("field", "")
    field = field if _FIELD.match(field) else "start"
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        jdatetime.date(year, month, 1)
    except ValueError:
        today = jdatetime.date.today()
        year, month = today.year, today.month
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    context = {
        "field": field,
        "calendar_url": reverse(url_name),
        "title": jdatetime.date(year, month, 1).aslocale(jdatetime.FA_LOCALE).strftime("%B %Y"),
        "weeks": jalali_month_grid(year, month),
        "weekdays": _WEEKDAYS,
        "previous": f"{previous[0]}-{previous[1]:02d}",
        "following": f"{following[0]}-{following[1]:02d}",
    }
    return render(request, "dashboard/analytics_calendar.html", context)
