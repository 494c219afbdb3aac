"""The staff admin reads the way the rest of ASOUD does: Jalali dates with Persian digits on Persian
pages, money (integer Rials) as Toman. One hook into Django's admin display (`display_for_field`,
used by change lists and read-only fields), so every model admin gets it without its own code."""

from __future__ import annotations

import datetime

from django.contrib.admin import helpers as admin_helpers
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.templatetags import admin_list
from django.db import models
from django.utils import translation

from .templatetags.asoud import format_toman, jdate, local_digits

_django_display_for_field = admin_utils.display_for_field


def is_money(field) -> bool:
    """Money fields are integer Rials whose label says so ("total (Rials)", "amount (Rials)")."""
    if not isinstance(field, (models.BigIntegerField, models.IntegerField)):
        return False
    with translation.override("en"):
        return "rial" in str(field.verbose_name).lower()


def display_for_field(value, field, empty_value_display, avoid_link=False):
    if value is None or getattr(field, "flatchoices", None):
        return _django_display_for_field(value, field, empty_value_display, avoid_link)
    if is_money(field):
        return format_toman(value)
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
        return (
            jdate(value, "%d %B %Y، %H:%M") if translation.get_language() == "fa" else jdate(value, "%d %b %Y, %H:%M")
        )
    if isinstance(field, models.DateField) and isinstance(value, datetime.date):
        return jdate(value)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return local_digits(_django_display_for_field(value, field, empty_value_display, avoid_link))
    return _django_display_for_field(value, field, empty_value_display, avoid_link)


def install() -> None:
    """Called once from CoreConfig.ready(): change lists and read-only fields look it up by name."""
    admin_utils.display_for_field = display_for_field
    admin_list.display_for_field = display_for_field
    admin_helpers.display_for_field = display_for_field
