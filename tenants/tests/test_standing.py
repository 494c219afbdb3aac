"""Suspended, draft and lapsed markets: what shoppers and owners see and may do."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tenants.models import AuditLogEntry, Market
from tenants.services import market_reactivate, market_suspend

pytestmark = pytest.mark.django_db


def _set(market, **fields):
    # Only inside these rolled-back tests: the session markets are shared.
    Market.objects.filter(pk=market.pk).update(**fields)
    market.refresh_from_db()


@pytest.fixture
def shopper_client(alpha_client):
    alpha_client.cookies["asoud_language"] = "en"
    return alpha_client


def test_suspended_market_shows_a_notice_refuses_orders_and_has_a_read_only_dashboard(
    shopper_client, client, market_alpha, staff_user
):
    market_suspend(market=market_alpha, staff=staff_user, reason="Unpaid invoices")

    home = shopper_client.get("/")
    assert home.status_code == 503
    assert "temporarily unavailable" in home.text and "Alpha Shop" in home.text
    assert "Unpaid invoices" not in home.text  # the reason is for the owner only
    assert home["Retry-After"]
    assert shopper_client.get("/products/").status_code == 503
    assert shopper_client.post("/cart/add/", {"product": 1}).status_code == 503

    client.force_login(market_alpha.owner)
    client.defaults["HTTP_HOST"] = "alpha.localhost"
    client.cookies["asoud_language"] = "en"
    assert client.get("/dashboard/").status_code == 200
    page = client.get("/dashboard/verification/")
    assert page.status_code == 200 and "read-only" in page.text
    refused = client.post("/dashboard/verification/", {})
    assert refused.status_code == 403
    assert "suspended: the dashboard is read-only" in refused.text and "Unpaid invoices" in refused.text
    fragment = client.post("/dashboard/subscription/", {}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 403 and 'id="read-only-notice"' in fragment.text and "<html" not in fragment.text
    assert "Open your dashboard" in client.get("/").text  # the owner sees the notice, with a way in

    entry = AuditLogEntry.objects.get(market=market_alpha, action="suspend")
    assert entry.reason == "Unpaid invoices" and entry.details == {"from": "active"} and entry.staff == staff_user


def test_suspension_notice_is_translated(alpha_client, market_alpha, staff_user):
    market_suspend(market=market_alpha, staff=staff_user, reason="Fraud reports")
    alpha_client.cookies["asoud_language"] = "fa"
    page = alpha_client.get("/")
    assert page.status_code == 503 and 'dir="rtl"' in page.text and "موقتاً" in page.text


def test_reactivate_opens_the_market_again(shopper_client, market_alpha, staff_user):
    market_suspend(market=market_alpha, staff=staff_user, reason="Checking documents")
    market_reactivate(market=market_alpha, staff=staff_user, reason="Documents are fine")
    market_alpha.refresh_from_db()
    assert market_alpha.is_active and market_alpha.status_reason == ""
    assert shopper_client.get("/").status_code == 200
    entry = AuditLogEntry.objects.get(market=market_alpha, action="reactivate")
    assert entry.reason == "Documents are fine" and entry.details == {"from": "suspended"}


def test_suspend_needs_a_reason_and_cannot_repeat(market_alpha, staff_user):
    with pytest.raises(ValidationError):
        market_suspend(market=market_alpha, staff=staff_user, reason="")
    market_suspend(market=market_alpha, staff=staff_user, reason="Spam")
    with pytest.raises(ValidationError):
        market_suspend(market=market_alpha, staff=staff_user, reason="Spam again")
    market_reactivate(market=market_alpha, staff=staff_user)
    with pytest.raises(ValidationError):
        market_reactivate(market=market_alpha, staff=staff_user)
    assert list(AuditLogEntry.objects.filter(market=market_alpha).values_list("action", flat=True)) == [
        "reactivate",
        "suspend",
    ]


def test_a_draft_market_is_seen_only_by_its_owner(client, market_alpha, market_beta, staff_user):
    _set(market_alpha, status=Market.Status.DRAFT)
    client.cookies["asoud_language"] = "en"
    anonymous = client.get("/", HTTP_HOST="alpha.localhost")
    assert anonymous.status_code == 503 and "opening soon" in anonymous.text

    client.force_login(market_beta.owner)
    assert client.get("/", HTTP_HOST="alpha.localhost").status_code == 503

    client.force_login(market_alpha.owner)
    assert client.get("/", HTTP_HOST="alpha.localhost").status_code == 200

    client.force_login(staff_user)
    assert client.get("/", HTTP_HOST="alpha.localhost").status_code == 200


def test_health_and_sign_in_stay_reachable_on_a_closed_market(client, market_alpha, staff_user):
    market_suspend(market=market_alpha, staff=staff_user, reason="Spam")
    assert client.get("/healthz", HTTP_HOST="alpha.localhost").status_code == 200


def test_a_lapsed_market_closes_after_the_grace_period(shopper_client, market_alpha, settings):
    settings.ASOUD_SUBSCRIPTION_GRACE_DAYS = 7
    today = timezone.localdate()
    _set(market_alpha, paid_until=today - datetime.timedelta(days=7))  # last day of grace
    assert shopper_client.get("/").status_code == 200

    _set(market_alpha, paid_until=today - datetime.timedelta(days=8))
    closed = shopper_client.get("/")
    assert closed.status_code == 503 and "temporarily closed" in closed.text

    settings.ASOUD_SUBSCRIPTION_GRACE_DAYS = 30
    assert shopper_client.get("/").status_code == 200


def test_the_owner_of_a_lapsed_market_is_sent_to_renew(owner_client, market_alpha):
    _set(market_alpha, paid_until=timezone.localdate() - datetime.timedelta(days=60))
    page = owner_client.get("/")
    assert page.status_code == 503 and "/dashboard/subscription/" in page.text
    assert owner_client.get("/dashboard/subscription/").status_code == 200  # the dashboard stays open to renew


def test_a_market_without_a_paid_until_date_never_expires(market_alpha):
    assert market_alpha.paid_until is None
    assert not market_alpha.is_expired(datetime.date(2099, 1, 1))
