"""Reads for payments. Every look-up of a market's payments names the market."""

from django.db.models import QuerySet

from tenants.models import Market

from .models import Payment


def payment_get(*, market: Market, payment_id: int) -> Payment | None:
    return Payment.objects.filter(market=market, pk=payment_id).first()


def payment_get_by_authority(*, market: Market, authority: str) -> Payment | None:
    if not authority:
        return None
    return Payment.objects.filter(market=market, authority=authority).first()


def payment_list_for_order(*, market: Market, order_id: int) -> QuerySet[Payment]:
    """Every attempt to pay one order, newest first (a shopper may retry after a failure)."""
    return Payment.objects.filter(market=market, order_id=order_id).order_by("-created_at")


def payment_list(*, market: Market, status: str | None = None) -> QuerySet[Payment]:
    payments = Payment.objects.filter(market=market).select_related("user")
    if status:
        payments = payments.filter(status=status)
    return payments.order_by("-created_at")


def payment_list_for_user(*, user) -> QuerySet[Payment]:
    return Payment.objects.filter(user=user).select_related("market").order_by("-created_at")
