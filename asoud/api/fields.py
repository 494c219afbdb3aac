"""Money and moments as apps need them: a machine value plus a display string in the request's language."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from asoud.core.formatting import datetime_short as jdatetime_short
from asoud.core.formatting import toman as format_toman


class MoneySerializer(serializers.Serializer):
    rials = serializers.IntegerField(help_text="Integer Rials (the unit stored and computed).")
    display = serializers.CharField(help_text="Toman with separators, Persian digits in fa: ۱۲۰٬۰۰۰ تومان.")


class MomentSerializer(serializers.Serializer):
    iso = serializers.DateTimeField(help_text="ISO 8601 with offset.")
    display = serializers.CharField(help_text="Jalali with Persian digits in fa, Gregorian in en.")


def money(rials: int | None) -> dict | None:
    return None if rials is None else {"rials": int(rials), "display": format_toman(rials)}


def moment(value) -> dict | None:
    return None if value is None else {"iso": value.isoformat(), "display": jdatetime_short(value)}


@extend_schema_field(MoneySerializer)
class MoneyField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return money(value)


@extend_schema_field(MomentSerializer)
class MomentField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return moment(value)
