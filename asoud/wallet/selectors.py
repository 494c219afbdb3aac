"""Reads for wallets."""

from django.db.models import QuerySet

from .models import LedgerEntry, Wallet


def wallet_get(*, user) -> Wallet | None:
    return Wallet.objects.filter(user=user).first()


def wallet_balance(*, user) -> int:
    """The balance in Rials (0 for someone who never had a wallet)."""
    return Wallet.objects.filter(user=user).values_list("balance", flat=True).first() or 0


def wallet_entries(*, user) -> QuerySet[LedgerEntry]:
    """The person's ledger, newest first."""
    return LedgerEntry.objects.filter(wallet__user=user).order_by("-created_at", "-id")


def ledger_entry_get(*, user, idempotency_key: str) -> LedgerEntry | None:
    return LedgerEntry.objects.filter(wallet__user=user, idempotency_key=idempotency_key).first()
