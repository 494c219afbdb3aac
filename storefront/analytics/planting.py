"""What `manage.py seed_traffic` plants in a market (no database): the known structure the models must
find, drawn with a fixed seed from the generators of `synthetic`, laid onto the market's own products.

- **Price response**: the products of every other category (the first, third, …) get that category's
  planted slope (`synthetic.CATEGORY_SLOPES`, spread from the gentlest to the steepest), a price that
  changes weekly (discount weeks and rises, today's price in the last week) and daily views, weekend
  heavy, of which a share that follows the planted curve become orders.
- **Bought together**: the products of the other categories are paired; planted customers' orders
  hold a product drawn by popularity and, 55 % of the time, its partner.
- **Churners**: `synthetic.churn_history`'s customers (some slow down and stop, the others keep their
  rhythm) place those orders, weekend heavy.

The same inputs give the same plan, so a test (or the bench) can ask what was planted.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import numpy as np

from .learning import Purchase
from .price_model import Day
from .synthetic import CATEGORY_SLOPES, PRICE_LEVELS, WEEKEND_BOOST, churn_history

PARTNER_SHARE = 0.55
EXTRA_SHARE = 0.2


@dataclass(frozen=True)
class ShopProduct:
    pk: int
    price: int  # today's main price (Rials): the planted reference
    category_id: int | None


@dataclass(frozen=True)
class Plan:
    end: datetime.datetime
    pairs: dict[int, int]  # product id → its planted partner (both ways)
    churn_day: dict[int, int | None]  # customer number → the day they stopped (None: loyal)
    baskets: list[tuple[int, datetime.datetime, tuple[int, ...]]]  # (customer number, moment, product ids)
    slopes: dict[int, float]  # priced product id → its category's planted slope
    intercepts: dict[int, float]
    days: dict[int, list[Day]]  # priced product id → one Day a day, oldest first, the last ending at `end`
    history_days: int

    def churned_by(self, day: int) -> set[int]:
        """Customer numbers who had stopped before `day` of the history (day `history_days` = end)."""
        return {n for n, stop in self.churn_day.items() if stop is not None and stop < day}

    @property
    def loyal(self) -> set[int]:
        return {n for n, stop in self.churn_day.items() if stop is None}


def traffic_plan(
    *,
    products: list[ShopProduct],
    end: datetime.datetime,
    customers: int = 120,
    history_days: int = 240,
    price_days: int = 90,
    views: int = 15,
    seed: int = 1404,
) -> Plan:
    """The planted structure for these products (ordered by id), ending at `end`."""
    products = sorted(products, key=lambda p: p.pk)
    categories = sorted({p.category_id for p in products}, key=lambda c: (c is None, c or 0))
    priced_categories = categories[::2] if len(categories) > 1 else []
    priced = [p for p in products if p.category_id in priced_categories]
    paired = [p for p in products if p not in priced]
    rng = random.Random(seed)
    pairs: dict[int, int] = {}
    shuffled = [p.pk for p in paired]
    rng.shuffle(shuffled)
    for a, b in zip(shuffled[::2], shuffled[1::2], strict=False):
        pairs[a], pairs[b] = b, a
    churn = churn_history(customers=customers, days=history_days, seed=seed, end=end)
    baskets = _baskets(churn.purchases, pairs, rng, end)
    slopes, intercepts, days = _prices(priced, priced_categories, price_days, views, seed, end)
    return Plan(end, pairs, churn.churn_day, baskets, slopes, intercepts, days, history_days)


def _baskets(purchases: list[Purchase], pairs: dict[int, int], rng: random.Random, end: datetime.datetime) -> list:
    """Each planted order: a product drawn by popularity (a long tail), its partner 55 % of the time,
    now and then a popular product by chance. None after `end` (a wait for the weekend can pass it)."""
    ids = sorted(pairs)
    if not ids:
        return []
    weights = [1 / rank**0.9 for rank in range(1, len(ids) + 1)]
    rng.shuffle(weights)
    baskets = []
    for purchase in purchases:
        first = rng.choices(ids, weights)[0]
        items = [first]
        if rng.random() < PARTNER_SHARE:
            items.append(pairs[first])
        if rng.random() < EXTRA_SHARE:
            items.append(rng.choices(ids, weights)[0])
        at = min(purchase.at, end - datetime.timedelta(minutes=1))
        baskets.append((purchase.user_id, at, tuple(dict.fromkeys(items))))
    return baskets


def price_day(end: datetime.datetime, days: int, day: int) -> datetime.date:
    """The date of day `day` (0 = oldest) of a `days`-long price history ending the day before `end`."""
    return end.date() - datetime.timedelta(days=days - day)


def _prices(priced: list[ShopProduct], categories: list, days: int, views: int, seed: int, end: datetime.datetime):
    steps = sorted(CATEGORY_SLOPES.values(), reverse=True)  # gentlest first
    slope_of = {c: steps[round(i * (len(steps) - 1) / max(len(categories) - 1, 1))] for i, c in enumerate(categories)}
    rng = np.random.default_rng(seed)
    slopes, intercepts, history = {}, {}, {}
    for product in priced:
        slope = slope_of[product.category_id]
        # 10 to 17 % of views order at today's price: each view says more about price than in the bench's
        # 4 to 7 %, so a demo market needs fewer of them.
        intercept = float(rng.uniform(-2.2, -1.6))
        rows, level = [], 1.0
        for day in range(days):
            weeks_left = (days - 1 - day) // 7
            if (days - 1 - day) % 7 == 6 or day == 0:
                level = 1.0 if weeks_left == 0 else float(rng.choice(PRICE_LEVELS))
            weekend = price_day(end, days, day).weekday() in WEEKEND_BOOST
            seen = int(rng.poisson(views * (1.4 if weekend else 1.0)))
            conversion = 1 / (1 + np.exp(-(intercept + slope * (level - 1))))
            rows.append(Day(price=int(product.price * level), views=seen, orders=int(rng.binomial(seen, conversion))))
        slopes[product.pk], intercepts[product.pk], history[product.pk] = slope, intercept, rows
    return slopes, intercepts, history
