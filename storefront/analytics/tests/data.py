"""The known day used by the roll-up, funnel, report and dashboard tests (numbers in the docstrings)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from storefront.orders.models import Order

from .factories import at, category_make, events_make, order_make, product_make, shopper


def known_day() -> SimpleNamespace:
    """Day D (3 days ago). Four visits:
    s1 page → views green tea → cart → checkout → paid; s2 views green and black tea, carts black;
    s3 page, searches "Samovar" (nothing); s4 searches "samovar" (nothing), "tea" (5), "ZZZ" (nothing).
    Orders on D: A green×2 + teapot (5,000,000, paid online), B green + teapot (4,000,000, cash, a sale),
    C black (online, unpaid: not a sale), D black×5 (cancelled: not a sale).
    → funnel 4 / 2 / 2 / 1 / 1; 2 orders, 9,000,000 Rials, 5 units, 2 new customers."""
    day = timezone.localdate() - datetime.timedelta(days=3)
    tea, kitchen = category_make("Tea"), category_make("Kitchen")
    green = product_make("Green tea", category=tea, keywords=["tea", "green"], stock=30)
    black = product_make("Black tea", category=tea, keywords=["tea", "black"], stock=30)
    teapot = product_make("Teapot", price=3_000_000, category=kitchen, keywords=["tea"], stock=30)
    mug = product_make("Mug", category=kitchen, stock=30)
    t = lambda minute: at(day, 10, minute)  # noqa: E731
    events_make([
        ("page_view", "s1", t(0)), ("product_view", "s1", t(1), {"product_id": green.pk}),
        ("add_to_cart", "s1", t(2), {"product_id": green.pk, "quantity": 2}), ("checkout_started", "s1", t(3)),
        ("order_placed", "s1", t(4)), ("order_paid", "s1", t(5)),
        ("product_view", "s2", t(0), {"product_id": green.pk}), ("product_view", "s2", t(1), {"product_id": black.pk}),
        ("add_to_cart", "s2", t(2), {"product_id": black.pk, "quantity": 1}),
        ("page_view", "s3", t(0)), ("search", "s3", t(1), {"query": "Samovar", "result_count": 0}),
        ("search", "s4", t(0), {"query": "samovar", "result_count": 0}),
        ("search", "s4", t(1), {"query": "tea", "result_count": 5}),
        ("search", "s4", t(2), {"query": "ZZZ", "result_count": 0}),
    ])  # fmt: skip
    a, b, c, d = (shopper(name=name) for name in ("Ali", "Bita", "Cyrus", "Dara"))
    order_make(user=a, items=[(green, 2, 1_000_000), (teapot, 1, 3_000_000)], created_at=at(day, 11))
    order_make(user=b, items=[(green, 1, 1_000_000), (teapot, 1, 3_000_000)], created_at=at(day, 12),
               status=Order.Status.PENDING, payment=Order.PaymentMethod.CASH, paid=False)  # fmt: skip
    order_make(user=c, items=[(black, 1, 1_000_000)], created_at=at(day, 13), status=Order.Status.PENDING, paid=False)
    order_make(user=d, items=[(black, 5, 1_000_000)], created_at=at(day, 14), status=Order.Status.CANCELLED)
    return SimpleNamespace(day=day, green=green, black=black, teapot=teapot, mug=mug, tea=tea, kitchen=kitchen)
