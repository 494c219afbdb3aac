"""Wallet credits and debits: balances, overdraft, idempotency and concurrency."""

import secrets
import threading

import pytest
from django.db import connection
from django.utils import translation

from asoud.accounts.models import User
from asoud.wallet.models import LedgerEntry, Wallet
from asoud.wallet.selectors import wallet_balance, wallet_entries
from asoud.wallet.services import (
    IdempotencyConflict,
    InsufficientFunds,
    WalletError,
    wallet_credit,
    wallet_debit,
    wallet_get_or_create,
)

from .factories import UserFactory

KIND = LedgerEntry.Kind


def _credit(user, amount, key, kind=KIND.TOPUP):
    return wallet_credit(user=user, amount=amount, kind=kind, reference="test", idempotency_key=key)


def _debit(user, amount, key, kind=KIND.PAYMENT):
    return wallet_debit(user=user, amount=amount, kind=kind, reference="order:demo:123", idempotency_key=key)


@pytest.mark.django_db
def test_credit_and_debit_move_the_balance_and_keep_a_ledger():
    user = UserFactory()
    assert wallet_balance(user=user) == 0
    _credit(user, 500_000, "t1")
    entry = _debit(user, 120_000, "p1")
    assert (entry.amount, entry.balance_after, entry.reference) == (-120_000, 380_000, "order:demo:123")
    assert wallet_balance(user=user) == 380_000
    assert [(e.kind, e.amount) for e in wallet_entries(user=user)] == [("payment", -120_000), ("topup", 500_000)]


@pytest.mark.django_db
def test_overdraft_is_refused_with_a_clear_message():
    user = UserFactory()
    _credit(user, 50_000, "t1")
    with pytest.raises(InsufficientFunds) as refused:
        _debit(user, 50_010, "p1")
    assert (refused.value.balance, refused.value.amount) == (50_000, 50_010)
    with translation.override("en"):
        assert str(InsufficientFunds(balance=0, amount=1)) == "Your wallet balance is not enough for this payment."
    with translation.override("fa"):
        assert "کیف پول" in InsufficientFunds(balance=0, amount=1).message
    assert wallet_balance(user=user) == 50_000
    assert not LedgerEntry.objects.filter(idempotency_key="p1").exists()


@pytest.mark.django_db
def test_a_repeated_key_returns_the_first_entry_and_moves_nothing():
    user = UserFactory()
    first = _credit(user, 70_000, "payment:41")
    again = _credit(user, 70_000, "payment:41")
    assert again.pk == first.pk
    debit = _debit(user, 30_000, "payment:42")
    assert _debit(user, 30_000, "payment:42").pk == debit.pk
    assert wallet_balance(user=user) == 40_000
    assert wallet_entries(user=user).count() == 2


@pytest.mark.django_db
def test_a_key_reused_for_something_else_is_refused():
    user, other = UserFactory(), UserFactory()
    _credit(user, 70_000, "payment:43")
    with pytest.raises(IdempotencyConflict):
        _credit(user, 80_000, "payment:43")
    with pytest.raises(IdempotencyConflict):
        _credit(other, 70_000, "payment:43")
    assert wallet_balance(user=user) == 70_000 and wallet_balance(user=other) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [0, -100, 10.0, True, "100"])
def test_amounts_are_positive_whole_rials(amount):
    with pytest.raises(WalletError):
        _credit(UserFactory(), amount, "bad")


@pytest.mark.django_db
def test_unknown_kind_and_missing_key_are_refused():
    user = UserFactory()
    with pytest.raises(WalletError):
        _credit(user, 100, "k", kind="gift")
    with pytest.raises(WalletError):
        _credit(user, 100, "")


@pytest.mark.django_db
def test_the_database_itself_refuses_a_negative_balance():
    from django.db import IntegrityError, transaction

    wallet = wallet_get_or_create(user=UserFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Wallet.objects.filter(pk=wallet.pk).update(balance=-1)


def test_concurrent_debits_never_overdraw(django_db_blocker):
    """Eight buyers hit one wallet at once from separate connections on committed data."""
    with django_db_blocker.unblock():
        user = User.objects.create_user(f"0935{secrets.randbelow(10**7):07d}")
        try:
            _credit(user, 50_000, f"seed-{user.pk}")
            barrier = threading.Barrier(8)
            outcomes = []

            def buy(number):
                try:
                    barrier.wait(timeout=10)
                    _debit(user, 10_000, f"buy-{user.pk}-{number}")
                    outcomes.append("paid")
                except InsufficientFunds:
                    outcomes.append("refused")
                finally:
                    connection.close()

            threads = [threading.Thread(target=buy, args=(n,)) for n in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)

            assert sorted(outcomes) == ["paid"] * 5 + ["refused"] * 3
            assert wallet_balance(user=user) == 0
            entries = list(wallet_entries(user=user))
            assert sum(entry.amount for entry in entries) == 0
            assert sorted(entry.balance_after for entry in entries if entry.amount < 0) == [
                0,
                10_000,
                20_000,
                30_000,
                40_000,
            ]
        finally:
            LedgerEntry.objects.filter(wallet__user=user).delete()
            Wallet.objects.filter(user=user).delete()
            user.delete()
