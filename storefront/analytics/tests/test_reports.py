"""Daily roll-up (idempotent), funnel, top products and searches without results on a known day."""

from django.forms.models import model_to_dict

from asoud.platform_analytics.models import MarketDayStat
from storefront.analytics import selectors
from storefront.analytics.models import MarketDaily, ProductDaily
from storefront.analytics.services import rollup_day

from .data import known_day


def _snapshot():
    market = [model_to_dict(row, exclude=["id"]) for row in MarketDaily.objects.order_by("day")]
    products = [model_to_dict(row, exclude=["id"]) for row in ProductDaily.objects.order_by("day", "product_id")]
    return market, products


def test_rollup_numbers_and_idempotency(in_alpha):
    data = known_day()
    rollup_day(day=data.day, market_id=in_alpha.pk)
    first = _snapshot()
    rollup_day(day=data.day, market_id=in_alpha.pk)
    assert _snapshot() == first
    day = MarketDaily.objects.get(day=data.day)
    assert (day.visits, day.page_views, day.product_views, day.searches, day.carts) == (4, 9, 3, 4, 2)
    assert (day.visits_viewing, day.visits_carting, day.visits_checkout, day.visits_paid) == (2, 2, 1, 1)
    assert (day.orders, day.revenue, day.units, day.new_customers) == (2, 9_000_000, 5, 2)
    rows = {row.product_id: row for row in ProductDaily.objects.filter(day=data.day)}
    green, teapot, black = rows[data.green.pk], rows[data.teapot.pk], rows[data.black.pk]
    assert (green.views, green.carts, green.orders, green.units, green.revenue) == (2, 1, 2, 3, 3_000_000)
    assert (teapot.views, teapot.orders, teapot.units, teapot.revenue) == (0, 2, 2, 6_000_000)
    assert (black.views, black.carts, black.orders, black.revenue) == (1, 1, 0, 0)
    assert green.conversion == 1.0
    assert data.mug.pk not in rows
    stat = MarketDayStat.objects.get(market=in_alpha, day=data.day)
    assert (stat.visits, stat.orders, stat.gmv, stat.new_customers) == (4, 2, 9_000_000, 2)
    assert MarketDayStat.objects.filter(market=in_alpha).count() == 1


def test_funnel_and_report(in_alpha):
    data = known_day()
    rollup_day(day=data.day)
    report = selectors.report_get(start=data.day, end=data.day)
    assert [(s.key, s.count) for s in report.funnel] == [
        ("visits", 4), ("visits_viewing", 2), ("visits_carting", 2), ("visits_checkout", 1), ("visits_paid", 1)
    ]  # fmt: skip
    assert [s.previous_percent for s in report.funnel] == [100.0, 50.0, 100.0, 50.0, 100.0]
    assert report.conversion_percent == 25.0
    assert (report.revenue, report.orders, report.average_order) == (9_000_000, 2, 4_500_000)
    week = selectors.report_get(start=data.day - __import__("datetime").timedelta(days=6), end=data.day)
    assert len(week.days) == 7 and sum(d.sales for d in week.days) == 9_000_000


def test_top_products_and_searches_without_results(in_alpha):
    data = known_day()
    rollup_day(day=data.day)
    top = selectors.top_products(start=data.day, end=data.day)
    assert [(row.title, row.revenue, row.units) for row in top] == [
        ("Teapot", 6_000_000, 2), ("Green tea", 3_000_000, 3), ("Black tea", 0, 0)
    ]  # fmt: skip
    searches = selectors.search_terms_without_results(start=data.day, end=data.day)
    assert searches == [
        {"term": "samovar", "searches": 2, "visitors": 2}, {"term": "zzz", "searches": 1, "visitors": 1}
    ]  # fmt: skip
