"""Platform staff find payments and read wallets in the admin; the ledger cannot be edited there."""

import pytest

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.payments.models import Payment
from asoud.wallet.models import LedgerEntry
from asoud.wallet.services import wallet_credit
from asoud.wallet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    admin = User.objects.create_superuser("09120000999", "pass")
    sign_in_staff(client, admin)  # staff must have passed a second factor
    client.defaults["HTTP_HOST"] = "localhost"
    client.cookies["asoud_language"] = "en"
    return admin


def test_payments_are_searchable_and_filterable(client, staff, market_alpha):
    Payment.objects.create(market=market_alpha, order_number="A-77", amount=10_000, authority="A" + "7" * 35)
    Payment.objects.create(market=market_alpha, order_number="A-78", amount=10_000, status=Payment.Status.PAID)
    found = client.get("/admin/payments/payment/", {"q": "7777777"})
    assert found.status_code == 200 and "A-77" in found.text and "A-78" not in found.text
    paid = client.get("/admin/payments/payment/", {"status__exact": "paid", "method__exact": "online"})
    assert "A-78" in paid.text and "A-77" not in paid.text
    payment = Payment.objects.get(order_number="A-77")
    assert client.get(f"/admin/payments/payment/{payment.pk}/change/").status_code == 200
    assert client.get("/admin/payments/payment/add/").status_code == 403


def test_wallets_and_a_read_only_ledger(client, staff):
    user = UserFactory(mobile="09125550000")
    entry = wallet_credit(
        user=user, amount=20_000, kind=LedgerEntry.Kind.ADJUSTMENT, reference="x", idempotency_key="a1"
    )
    wallets = client.get("/admin/wallet/wallet/", {"q": "9125550000"})
    assert wallets.status_code == 200 and "+989125550000" in wallets.text
    assert client.get(f"/admin/wallet/wallet/{entry.wallet_id}/change/").status_code == 200
    view = client.get(f"/admin/wallet/ledgerentry/{entry.pk}/change/")
    assert view.status_code == 200 and 'name="amount"' not in view.text
    assert client.post(f"/admin/wallet/ledgerentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()
