"""The staff admin reads the way the rest of ASOUD does: Jalali dates with Persian digits on Persian
pages, money (integer Rials) as Toman. One hook into Django's admin display (`display_for_field`,
used by change lists and read-only fields), so every model admin gets it without its own code."""

from __future__ import annotations

import datetime

from django.contrib.admin import helpers as admin_helpers
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation
from django.utils.safestring import SafeData

from . import formatting

_django_display_for_field = admin_utils.display_for_field
_django_display_for_value = admin_utils.display_for_value
_django_lookup_field = admin_utils.lookup_field
_ORDER_NUMBER_FIELDS = {"order_number"}


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
        return formatting.toman(value)
    if field.name in _ORDER_NUMBER_FIELDS and value:
        return formatting.order_number(value)
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
        return formatting.date(value, "%d %B %Y، %H:%M" if formatting.is_persian() else "%d %b %Y, %H:%M")
    if isinstance(field, models.DateField) and isinstance(value, datetime.date):
        return formatting.date(value)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return formatting.digits(_django_display_for_field(value, field, empty_value_display, avoid_link))
    return _django_display_for_field(value, field, empty_value_display, avoid_link)


def display_for_value(value, empty_value_display, boolean=False):
    """Columns computed by a method (counts, dates) and auto ids: the same digits and calendar."""
    if boolean or value in (None, "") or isinstance(value, (bool, SafeData)):
        # SafeData is HTML a column built itself (the action checkbox, links): its digits are
        # attribute values (ids, URLs), and translating would also turn it into escaped text.
        return _django_display_for_value(value, empty_value_display, boolean)
    if isinstance(value, datetime.datetime):
        return formatting.date(value, "%d %B %Y، %H:%M" if formatting.is_persian() else "%d %b %Y, %H:%M")
    if isinstance(value, datetime.date):
        return formatting.date(value)
    return formatting.digits(_django_display_for_value(value, empty_value_display, boolean))


def lookup_field(name, obj, model_admin=None):
    """On Persian pages a person (a foreign key to a user without a name) is shown by their mobile
    number as 0912 123 4567 in Persian digits; Django would print the raw +98… through str()."""
    field, attr, value = _django_lookup_field(name, obj, model_admin)
    person_field = getattr(getattr(field, "remote_field", None), "model", None) is get_user_model()
    if person_field and value is not None and formatting.is_persian():
        person = getattr(obj, field.name)
        return None, attr, formatting.mobile(person.mobile) if not person.name else person.name
    return field, attr, value


def install() -> None:
    """Called once from CoreConfig.ready(): change lists and read-only fields look it up by name."""
    admin_utils.display_for_field = display_for_field
    admin_list.display_for_field = display_for_field
    admin_helpers.display_for_field = display_for_field
    admin_utils.display_for_value = display_for_value
    admin_list.display_for_value = display_for_value
    admin_list.lookup_field = lookup_field
