"""RFM segments and lifetime value on hand-made customers; stock forecast from the last 30 days."""

import datetime

from django.utils import timezone

from storefront.analytics import selectors
from storefront.orders.models import Order

from .factories import at, order_make, product_make, shopper


def _orders(user, product, days_ago: list[int], today, price=1_000_000):
    for n in days_ago:
        order_make(user=user, items=[(product, 1, price)], created_at=at(today - datetime.timedelta(days=n)))


def test_rfm_segments_and_lifetime_value(in_alpha):
    today = timezone.localdate()
    kettle = product_make("Kettle")
    people = {name: shopper(name=name) for name in ("champ", "loyal", "new", "risk", "attention", "lost", "promising")}
    _orders(people["champ"], kettle, [5, 20, 40], today)
    _orders(people["loyal"], kettle, [60, 100, 200], today)
    _orders(people["new"], kettle, [10], today, price=2_000_000)
    _orders(people["risk"], kettle, [120, 150], today)
    _orders(people["attention"], kettle, [100], today)
    _orders(people["lost"], kettle, [400], today)
    _orders(people["promising"], kettle, [45], today)
    # Not sales: a cancelled order and an unpaid online one.
    order_make(user=people["lost"], items=[(kettle, 1, 1_000_000)], created_at=at(today), status=Order.Status.CANCELLED)
    order_make(user=people["lost"], items=[(kettle, 1, 1_000_000)], created_at=at(today), status="pending", paid=False)

    customers = {c.name: c for c in selectors.customer_list(today=today)}
    assert {name: c.segment for name, c in customers.items()} == {
        "champ": "champions", "loyal": "loyal", "new": "new", "risk": "at_risk", "attention": "needs_attention",
        "lost": "lost", "promising": "promising",
    }  # fmt: skip
    # LTV = average order × orders a year (history of at least 90 days) × 2 years.
    assert customers["champ"].ltv == 24_333_333  # 1,000,000 × 3×365/90 × 2
    assert customers["loyal"].ltv == 10_950_000  # 1,000,000 × 3×365/200 × 2
    assert customers["new"].ltv == 16_222_222  # 2,000,000 × 365/90 × 2
    assert customers["lost"].ltv == 1_825_000  # 1,000,000 × 365/400 × 2
    assert (customers["lost"].orders, customers["lost"].recency_days) == (1, 400)
    assert [c.name for c in selectors.customer_list(today=today, segment="at_risk")] == ["risk"]
    counts = {key: n for key, _label, n in selectors.segment_counts(list(customers.values()))}
    assert counts["champions"] == 1 and sum(counts.values()) == 7


def test_stock_forecast_days_left(in_alpha):
    now = timezone.now()
    fast = product_make("Fast seller", stock=20)
    slow = product_make("Slow seller", stock=5)
    product_make("Nobody buys", stock=8)
    buyer = shopper()
    order_make(user=buyer, items=[(fast, 30, 1000), (slow, 10, 1000)], created_at=now - datetime.timedelta(days=3))
    order_make(user=buyer, items=[(slow, 5, 1000)], created_at=now - datetime.timedelta(days=20))
    order_make(user=buyer, items=[(fast, 90, 1000)], created_at=now - datetime.timedelta(days=2),
               status=Order.Status.CANCELLED)  # fmt: skip
    order_make(user=buyer, items=[(fast, 50, 1000)], created_at=now - datetime.timedelta(days=45))  # too old
    forecast = selectors.stock_forecast()
    rows = {row.title: row for row in forecast}
    assert (rows["Fast seller"].sold, rows["Fast seller"].per_day, rows["Fast seller"].days_left) == (30, 1.0, 20)
    assert (rows["Slow seller"].sold, rows["Slow seller"].days_left) == (15, 10)
    assert rows["Nobody buys"].days_left is None
    assert [row.title for row in forecast][:2] == ["Slow seller", "Fast seller"] and forecast[-1].days_left is None
    assert [row.title for row in selectors.stock_forecast(within_days=15)] == ["Slow seller"]
    assert [row.title for row in selectors.stock_forecast(product_ids=[fast.pk])] == ["Fast seller"]
