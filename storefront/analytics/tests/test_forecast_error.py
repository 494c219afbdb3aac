"""The stock forecast's expected error (a backtest over the product's own history) and reorder date."""

import datetime

from django.test import Client, override_settings
from django.utils import timezone

from asoud.core.testing import english
from storefront.analytics import forecasting, selectors

from .factories import order_make, product_make, shopper


def test_backtest_error_is_small_for_a_steady_seller_and_large_for_an_erratic_one():
    steady = [3] * 86
    erratic = [0, 0, 0, 0, 0, 0, 21] * 12 + [0, 0]  # a whole week's sales on one day, phase drifting
    bursty = ([10] * 7 + [0] * 21) * 3 + [0, 0]  # one week in four
    assert forecasting.backtest_mape(steady) == 0.0
    # Weekly totals are steady whatever the day: small error; one week in four: the rate misses badly.
    assert forecasting.backtest_mape(erratic) < 0.1 < 0.4 < forecasting.backtest_mape(bursty)
    assert forecasting.backtest_mape([0] * 80 + [5] * 6) is None  # too little history to judge


def test_reorder_date_leaves_the_lead_time_and_the_error_as_margin():
    today = datetime.date(2026, 12, 8)
    # 40 in stock, 2 a day: gone in 20 days; at +25 % error in 16; order 7 days before: day 9.
    assert forecasting.reorder_date(stock=40, per_day=2, error=0.25, lead_days=7, today=today) == datetime.date(
        2026, 12, 17
    )
    assert forecasting.reorder_date(stock=4, per_day=2, error=0.0, lead_days=7, today=today) == today  # now
    assert forecasting.reorder_date(stock=40, per_day=0, error=None, lead_days=7, today=today) is None


@override_settings(ANALYTICS_REORDER_LEAD_DAYS=5)
def test_the_dashboard_shows_each_forecasts_error_and_reorder_date(in_alpha):
    now = timezone.now()
    kettle = product_make("Steady kettle", stock=60)
    buyer = shopper()
    for day in range(90):  # two a day, every day: a steady seller
        order_make(user=buyer, items=[(kettle, 2, 1000)], created_at=now - datetime.timedelta(days=day + 0.5))
    row = {r.title: r for r in selectors.stock_forecast()}["Steady kettle"]
    assert row.days_left == 30 and row.error == 0.0
    assert row.reorder_on == timezone.localdate() + datetime.timedelta(days=30 - 5)

    owner = Client(HTTP_HOST="alpha.localhost")
    owner.force_login(in_alpha.owner)
    html = english(owner).get("/dashboard/analytics/").content.decode()
    assert "expected error ±0%" in html
    assert "Reorder by" in html
