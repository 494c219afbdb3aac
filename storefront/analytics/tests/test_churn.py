"""Churn risk: the model beats "days since the last order" on planted data; a market's customers are
scored from its own orders (model, or the labelled baseline with too little history); the owner sees
who is at risk and why, and writes to them once a week at most."""

import datetime

import numpy as np
import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.core.testing import persian
from asoud.notifications.models import Notification
from dashboard.tests.test_orders import OWNER_MOBILE, member_client
from storefront.analytics import learning, services
from storefront.analytics.models import ChurnRun, CustomerRisk
from storefront.analytics.synthetic import churn_history

from .factories import order_make, product_make, shopper

END = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)


def test_the_model_beats_days_since_the_last_order_on_planted_churners():
    planted = churn_history(customers=150, seed=11, end=END)
    features, labels, moments = learning.training_set(planted.purchases, until=END)
    evaluation = learning.evaluate(features, labels, moments)
    assert evaluation.auc > evaluation.baseline_auc + 0.03, evaluation


def test_reasons_name_what_changed():
    """Seven big orders 160–100 days ago, one small one 70 days ago, nothing since."""
    rows = [(END - datetime.timedelta(days=d), 2_000_000) for d in (160, 150, 140, 130, 120, 110, 100)]
    rows += [(END - datetime.timedelta(days=d), 500_000) for d in (70,)]
    features = learning.customer_features(rows, END)
    reasons = learning.reasons_for(features, None)
    assert [r["code"] for r in reasons] == ["recency", "frequency", "spend"]
    assert reasons[0] == {"code": "recency", "days": 70, "usual_gap": 10}
    assert reasons[1] == {"code": "frequency", "recent": 0, "before": 4}
    steady = [(END - datetime.timedelta(days=d), 1_000_000) for d in range(100, 0, -10)]
    assert learning.reasons_for(learning.customer_features(steady, END), None) == []
    planted = churn_history(customers=120, seed=3, end=END)
    x, y, _ = learning.training_set(planted.purchases, until=END)
    model = learning.model_fit(x, y)
    assert {r["code"] for r in learning.reasons_for(features, model)} == {"recency", "frequency", "spend"}


def _plant_orders(*, customers: int, days: int, seed: int) -> dict[int, int | None]:
    """The planted history as real orders of the current market; returns user id → churn day."""
    now = timezone.now()
    planted = churn_history(customers=customers, days=days, seed=seed, end=now)
    product = product_make("Saffron", stock=10_000)
    people = {n: shopper(name=f"Customer {n}") for n in planted.churn_day}
    for purchase in planted.purchases:
        order_make(user=people[purchase.user_id], items=[(product, 1, purchase.total)], created_at=purchase.at)
    return {people[n].pk: day for n, day in planted.churn_day.items()}


@pytest.fixture
def planted_alpha(market_alpha):
    with tenant_context(market_alpha):
        churned = _plant_orders(customers=40, days=200, seed=5)
        run = services.churn_compute()
    return churned, run


def test_a_market_with_history_is_scored_by_its_own_model(market_alpha, planted_alpha):
    churned, run = planted_alpha
    assert run.method == ChurnRun.Method.MODEL and run.samples >= learning.MIN_SAMPLES
    with tenant_context(market_alpha):
        scores = dict(CustomerRisk.objects.values_list("user_id", "score"))
    assert set(scores) == set(churned)
    gone = [scores[u] for u, day in churned.items() if day is not None and day < 120]
    staying = [scores[u] for u, day in churned.items() if day is None]
    assert np.mean(gone) > np.mean(staying) + 0.3


def test_a_market_with_little_history_gets_the_labelled_baseline(market_alpha):
    with tenant_context(market_alpha):
        now = timezone.now()
        kettle = product_make("Kettle")
        order_make(
            user=shopper(name="Old"), items=[(kettle, 1, 1_000_000)], created_at=now - datetime.timedelta(days=90)
        )
        order_make(
            user=shopper(name="New"), items=[(kettle, 1, 1_000_000)], created_at=now - datetime.timedelta(days=2)
        )
        run = services.churn_compute()
        risks = {r.user_id: r for r in CustomerRisk.objects.all()}
    assert run.method == ChurnRun.Method.BASELINE
    old, new = sorted(risks.values(), key=lambda r: -r.recency_days)
    assert old.score > 0.5 > new.score
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    html = owner.get("/dashboard/analytics/at-risk/").content.decode()
    assert "days since their last order (the baseline)" in html
    assert "No order for 90 days" in html


def test_the_owner_sees_who_is_at_risk_and_writes_to_them_once_a_week(market_alpha, planted_alpha):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    html = owner.get("/dashboard/analytics/at-risk/").content.decode()
    assert "Scored by a model trained on your own orders." in html
    with tenant_context(market_alpha):
        top = CustomerRisk.objects.first()
    assert f'data-user="{top.user_id}"' in html and "% risk" in html and "No order for" in html

    url = f"/dashboard/analytics/at-risk/{top.user_id}/message/"
    response = owner.post(url, {"message": "  Come back for 10% off this week  "}, follow=True)
    assert "Your message is on its way." in response.content.decode()
    sent = Notification.objects.get(user_id=top.user_id, event="market_message")
    assert sent.market_id == market_alpha.pk and sent.context["message"] == "Come back for 10% off this week"
    again = owner.post(url, {"message": "Hello again"}, follow=True).content.decode()
    assert "You already wrote to this customer this week." in again
    assert Notification.objects.filter(user_id=top.user_id, event="market_message").count() == 1
    empty = owner.post(url, {"message": ""}, follow=True)
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    stranger = owner.post("/dashboard/analytics/at-risk/999999/message/", {"message": "Hi"}, follow=True)
    assert "not on the list of customers at risk" in stranger.content.decode()


def test_the_page_in_persian_and_the_roles(market_alpha, planted_alpha):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    persian(owner)
    owner.cookies["asoud_language"] = "fa"
    html = owner.get("/dashboard/analytics/at-risk/").content.decode()
    assert 'lang="fa"' in html
    risks = html.split('data-testid="risk">')[1:]
    assert risks and all(part[0] in "۰۱۲۳۴۵۶۷۸۹" for part in risks)
    for role, status in (("editor", 403), ("support", 403), ("manager", 200)):
        client = member_client(market_alpha, role, f"+98913001{abs(hash(role)) % 10_000:04d}")
        assert client.get("/dashboard/analytics/at-risk/").status_code == status
        answer = client.post("/dashboard/analytics/at-risk/1/message/", {"message": "x"})
        assert answer.status_code == (302 if status == 200 else status)


def test_another_market_never_sees_these_customers(market_beta, planted_alpha):
    beta_owner = member_client(market_beta, None, "+989130000002")  # beta's owner (conftest)
    html = beta_owner.get("/dashboard/analytics/at-risk/").content.decode()
    churned, _run = planted_alpha
    assert not any(f'data-user="{user_id}"' in html for user_id in churned)
