"""Withdrawals: a minimum, the balance held at once (a ledger entry), staff approve or reject in the admin."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.affiliates.models import Withdrawal
from asoud.affiliates.services import AffiliateError, withdrawal_request
from asoud.core.testing import english
from asoud.wallet.models import LedgerEntry
from asoud.wallet.selectors import wallet_balance
from asoud.wallet.services import wallet_credit

pytestmark = pytest.mark.django_db


def _fund(marketer, amount):
    wallet_credit(
        user=marketer.user, amount=amount, kind=LedgerEntry.Kind.COMMISSION, reference="test",
        idempotency_key=f"fund:{marketer.pk}:{amount}",
    )  # fmt: skip


def _admin() -> Client:
    staff = User.objects.create_superuser("+989350000999", password="x")
    client = Client(HTTP_HOST="localhost")
    sign_in_staff(client, staff)  # staff must have passed a second factor
    return client


def test_below_the_minimum_is_refused(marketer):
    _fund(marketer, 5_000_000)
    with translation.override("en"), pytest.raises(AffiliateError) as refused:
        withdrawal_request(marketer=marketer, amount=settings.AFFILIATES_MIN_WITHDRAWAL - 10)
    assert refused.value.message == "The smallest withdrawal is 100,000 Toman."
    assert not Withdrawal.objects.exists()


def test_more_than_the_balance_is_refused_and_nothing_is_held(marketer, marketer_client):
    _fund(marketer, 2_000_000)

    response = english(marketer_client).post("/marketer/withdraw/", {"amount": "300000"}, follow=True)

    assert "not enough" in response.content.decode()
    assert not Withdrawal.objects.exists()
    assert wallet_balance(user=marketer.user) == 2_000_000


def test_request_holds_the_money_and_approval_marks_it_paid(marketer, marketer_client):
    _fund(marketer, 5_000_000)

    marketer_client.post("/marketer/withdraw/", {"amount": "۱۵۰٬۰۰۰"})  # Toman, Persian digits

    withdrawal = Withdrawal.objects.get(marketer=marketer)
    assert (withdrawal.amount, withdrawal.iban, withdrawal.status) == (1_500_000, marketer.iban, "requested")
    assert wallet_balance(user=marketer.user) == 3_500_000
    held = LedgerEntry.objects.get(reference=f"withdrawal:{withdrawal.pk}")
    assert (held.kind, held.amount) == ("withdrawal", -1_500_000)

    _admin().post("/admin/affiliates/withdrawal/", {"action": "approve", "_selected_action": [withdrawal.pk]})

    withdrawal.refresh_from_db()
    assert withdrawal.status == "paid" and withdrawal.decided_by is not None
    assert wallet_balance(user=marketer.user) == 3_500_000


def test_rejection_credits_the_money_back(marketer):
    _fund(marketer, 5_000_000)
    withdrawal = withdrawal_request(marketer=marketer, amount=4_000_000)
    assert wallet_balance(user=marketer.user) == 1_000_000

    _admin().post("/admin/affiliates/withdrawal/", {"action": "reject", "_selected_action": [withdrawal.pk]})

    withdrawal.refresh_from_db()
    assert withdrawal.status == "rejected"
    assert wallet_balance(user=marketer.user) == 5_000_000
    movements = LedgerEntry.objects.filter(reference=f"withdrawal:{withdrawal.pk}").order_by("id")
    assert [(e.kind, e.amount) for e in movements] == [("withdrawal", -4_000_000), ("withdrawal", 4_000_000)]
    # Deciding twice moves nothing more.
    _admin_again = Client(HTTP_HOST="localhost")
    _admin_again.force_login(User.objects.get(mobile="+989350000999"))
    _admin_again.post("/admin/affiliates/withdrawal/", {"action": "reject", "_selected_action": [withdrawal.pk]})
    assert wallet_balance(user=marketer.user) == 5_000_000
