"""Marketplace search and the marketer's endpoints: offers, links with stats, withdrawals (idempotent)."""

import pytest

from asoud.affiliates.models import AffiliateLink, Withdrawal
from asoud.affiliates.tests.conftest import marketer, marketer_make, offer  # noqa: F401
from asoud.wallet.models import LedgerEntry
from asoud.wallet.selectors import wallet_balance
from asoud.wallet.services import wallet_credit

from .conftest import api_client

pytestmark = pytest.mark.django_db


def test_marketplace_search_across_markets(api, offer):  # noqa: F811
    found = api.get("/api/v1/search/", {"q": "زعفران"}).json()["results"]
    assert [(item["market"], item["product_id"]) for item in found] == [("alpha", offer.product_id)]
    assert found[0]["price"]["rials"] == 20_000_000
    assert api.get("/api/v1/search/", {"sort": "random"}).status_code == 400


def test_offers_and_links_for_marketers_only(offer, marketer, shopper):  # noqa: F811
    assert api_client(user=shopper).get("/api/v1/marketer/offers/").status_code == 403
    client = api_client(user=marketer.user)
    offers = client.get("/api/v1/marketer/offers/").json()["results"]
    assert [o["id"] for o in offers] == [offer.pk] and offers[0]["commission_percent"] == 10
    made = client.post("/api/v1/marketer/links/", {"listing": offer.pk}, format="json")
    assert made.status_code == 201 and made.json()["url"].endswith(f"/r/{made.json()['code']}")
    again = client.post("/api/v1/marketer/links/", {"listing": offer.pk}, format="json")
    assert again.json()["id"] == made.json()["id"] and AffiliateLink.objects.filter(marketer=marketer).count() == 1
    assert client.post("/api/v1/marketer/links/", {"listing": 0}, format="json").status_code == 404
    links = client.get("/api/v1/marketer/links/").json()
    assert links[0]["clicks"] == 0 and links[0]["orders"] == 0
    stats = client.get("/api/v1/marketer/stats/").json()
    assert stats["clicks"] == 0 and stats["earned"]["rials"] == 0


def test_withdrawals_hold_the_money_once_per_idempotency_key(marketer):  # noqa: F811
    wallet_credit(
        user=marketer.user, amount=9_000_000, kind=LedgerEntry.Kind.COMMISSION, reference="t", idempotency_key="t"
    )
    client = api_client(user=marketer.user)
    first = client.post(
        "/api/v1/marketer/withdrawals/", {"amount": 2_000_000}, format="json", HTTP_IDEMPOTENCY_KEY="w1"
    )
    assert first.status_code == 201 and first.json()["amount"]["rials"] == 2_000_000
    again = client.post(
        "/api/v1/marketer/withdrawals/", {"amount": 2_000_000}, format="json", HTTP_IDEMPOTENCY_KEY="w1"
    )
    assert again.json() == first.json() and Withdrawal.objects.filter(marketer=marketer).count() == 1
    assert wallet_balance(user=marketer.user) == 7_000_000
    small = client.post("/api/v1/marketer/withdrawals/", {"amount": 10}, format="json")
    assert small.status_code == 400 and "smallest withdrawal" in small.json()["errors"]["amount"][0]
    too_much = client.post("/api/v1/marketer/withdrawals/", {"amount": 90_000_000}, format="json")
    assert too_much.status_code == 400 and wallet_balance(user=marketer.user) == 7_000_000
    listed = client.get("/api/v1/marketer/withdrawals/").json()["results"]
    assert [w["id"] for w in listed] == [first.json()["id"]]
