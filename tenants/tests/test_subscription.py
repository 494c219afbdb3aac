"""Plans, and an owner renewing over real HTTP through the Zarinpal emulator."""

import datetime
from urllib.parse import urlsplit

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from asoud.billing.services import subscription_renewal_fulfil
from asoud.payments.models import Payment
from asoud.payments.tests.sandbox_server import callback_params
from tenants.models import Market, Plan, SubscriptionRenewal
from tenants.services import demo_subscriptions_seed, plans_seed, subscription_period_end

pytestmark = pytest.mark.django_db


def _local(location: str) -> str:
    """The callback address as the test client requests it (path and query on alpha's host)."""
    parts = urlsplit(location)
    assert parts.hostname == "alpha.localhost"
    return f"{parts.path}?{parts.query}"


def test_plans_seed_creates_three_plans_and_is_repeatable():
    plans_seed()
    plans_seed()
    assert list(Plan.objects.values_list("code", "price_per_month")) == [
        ("free", 0),
        ("pro", 2_990_000),
        ("business", 7_990_000),
    ]
    assert Plan.objects.get(code="business").max_products is None


def test_demo_markets_get_a_plan_paid_into_the_future(market_alpha):
    from tenants.services import market_create

    demo = market_create(name="Demo", slug="demo", status=Market.Status.ACTIVE)
    demo_subscriptions_seed()
    demo.refresh_from_db()
    assert demo.plan.code == "business" and demo.paid_until > timezone.localdate()
    paid_until = demo.paid_until
    demo_subscriptions_seed()  # safe to repeat: a market with a plan keeps it
    demo.refresh_from_db()
    assert demo.paid_until == paid_until


def test_renewal_journey_over_http_extends_paid_until_once(owner_client, market_alpha, plans, zarinpal):
    page = owner_client.get("/dashboard/subscription/")
    assert page.status_code == 200
    assert "Current plan" in page.text and "Never expires" not in page.text

    started = owner_client.post("/dashboard/subscription/", {"plan": plans["pro"].pk, "months": "3"})
    assert started.status_code == 302
    gateway_url = started["Location"]
    assert gateway_url.startswith(f"{zarinpal.base_url}/pg/StartPay/")
    payment = Payment.objects.get(market=market_alpha, purpose=Payment.Purpose.SUBSCRIPTION)
    assert payment.amount == 3 * 2_990_000 and payment.status == Payment.Status.PENDING
    assert payment.callback_url == "http://alpha.localhost/dashboard/subscription/callback/"

    location = zarinpal.pay(gateway_url)
    assert callback_params(location)["Status"] == "OK"
    back = owner_client.get(_local(location))
    assert back.status_code == 302 and back["Location"] == "/dashboard/subscription/"

    market_alpha.refresh_from_db()
    expected = timezone.localdate() + relativedelta(months=3)
    assert market_alpha.plan == plans["pro"] and market_alpha.paid_until == expected
    renewal = SubscriptionRenewal.objects.get(market=market_alpha)
    assert renewal.payment.is_paid and renewal.applied_at and renewal.paid_until_after == expected

    # The owner reloads the callback page, and the reconcile hook fires again: nothing more is added.
    owner_client.get(_local(location))
    subscription_renewal_fulfil(payment=Payment.objects.get(pk=payment.pk))
    market_alpha.refresh_from_db()
    assert market_alpha.paid_until == expected

    shown = owner_client.get("/dashboard/subscription/")
    assert "Pro" in shown.text and "Thank you" in shown.text
    assert expected.strftime("%d %B %Y") in shown.text


def test_paid_until_is_shown_in_the_jalali_calendar_in_persian(owner_client, market_alpha, plans):
    Market.objects.filter(pk=market_alpha.pk).update(plan=plans["pro"], paid_until=datetime.date(2026, 3, 21))
    owner_client.cookies["asoud_language"] = "fa"
    page = owner_client.get("/dashboard/subscription/")
    assert "۱ فروردین ۱۴۰۵" in page.text


def test_a_cancelled_payment_changes_nothing(owner_client, market_alpha, plans, zarinpal):
    started = owner_client.post("/dashboard/subscription/", {"plan": plans["business"].pk, "months": "1"})
    back = owner_client.get(_local(zarinpal.cancel(started["Location"])), follow=True)
    assert "cancelled" in back.text
    market_alpha.refresh_from_db()
    assert market_alpha.plan is None and market_alpha.paid_until is None
    assert not SubscriptionRenewal.objects.get(market=market_alpha).is_applied


def test_only_offered_paid_plans_and_periods_can_be_bought(owner_client, market_alpha, plans):
    free = owner_client.post("/dashboard/subscription/", {"plan": plans["free"].pk, "months": "1"})
    assert free.status_code == 200 and "Select a valid choice" in free.text
    odd = owner_client.post("/dashboard/subscription/", {"plan": plans["pro"].pk, "months": "5"})
    assert odd.status_code == 200
    assert not Payment.objects.filter(market=market_alpha, purpose=Payment.Purpose.SUBSCRIPTION).exists()


def test_months_bought_are_added_to_what_is_left():
    today = datetime.date(2026, 1, 31)
    assert subscription_period_end(paid_until=None, months=1, today=today) == datetime.date(2026, 2, 28)
    assert subscription_period_end(paid_until=datetime.date(2026, 3, 10), months=3, today=today) == datetime.date(
        2026, 6, 10
    )
    # Lapsed: the new period starts today, not in the past.
    assert subscription_period_end(paid_until=datetime.date(2025, 12, 1), months=12, today=today) == datetime.date(
        2027, 1, 31
    )
