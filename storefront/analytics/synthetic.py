"""Order histories with known structure, for the intelligence bench and tests (fixed seed).

Every customer has a rhythm of their own (an order every 5 to 40 days, give or take 40 %). Churners
slow down before they stop: over DECLINE_DAYS their gaps stretch and their baskets shrink, then they
never come back. Loyal customers keep their rhythm, some of them naturally slow, so "days since the
last order" alone confuses a slow loyal customer with a leaving one. Many orders wait for the end of
the Iranian week (Thursday and Friday).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import numpy as np

from .learning import Purchase
from .price_model import Day

DECLINE_DAYS = 90
WEEKEND_BOOST = {3, 4}  # Thursday, Friday (Monday is 0)


@dataclass(frozen=True)
class ChurnHistory:
    purchases: list[Purchase]
    churn_day: dict[int, int | None]  # the day each customer stopped (None: loyal)
    end: datetime.datetime


def churn_history(
    *, customers: int = 300, days: int = 240, churn_share: float = 0.4, seed: int = 7, end: datetime.datetime
) -> ChurnHistory:
    rng = random.Random(seed)
    start = end - datetime.timedelta(days=days)
    purchases: list[Purchase] = []
    churn_day: dict[int, int | None] = {}
    for user_id in range(1, customers + 1):
        gap = rng.choice((5, 8, 12, 18, 25, 30, 40))  # the customer's own rhythm, in days
        basket = rng.lognormvariate(13.5, 0.5)  # about 700,000 Rials
        stops = rng.randrange(int(days * 0.35), days + 60) if rng.random() < churn_share else None
        churn_day[user_id] = stops
        day = rng.uniform(0, gap)
        while day < days and (stops is None or day < stops):
            # Leaving customers come less often and buy less as their last order nears.
            fade = min(1.0, (stops - day) / DECLINE_DAYS) if stops is not None else 1.0
            moment = start + datetime.timedelta(days=day, hours=rng.randrange(9, 22))
            while moment.weekday() not in WEEKEND_BOOST and rng.random() < 0.3:
                moment += datetime.timedelta(days=1)  # weekly seasonality: many wait for the weekend
            total = int(basket * (0.4 + 0.6 * fade) * rng.uniform(0.85, 1.15)) // 10_000 * 10_000
            purchases.append(Purchase(user_id, moment, max(total, 10_000)))
            day += gap * rng.uniform(0.6, 1.4) * (1 + 1.5 * (1 - fade))
    purchases.sort(key=lambda p: p.at)
    return ChurnHistory(purchases, churn_day, end)


# --- Prices: categories with a known price response -------------------------------------------

# The planted slope of each category: log-odds of a view becoming an order per unit of price ÷
# reference − 1 (about the price elasticity of conversion). Shoppers of staples hardly care, those of
# gifts care a lot; the revenue-best price is near reference × (−1 ÷ slope).
CATEGORY_SLOPES = {"saffron": -0.8, "tea": -0.9, "nuts": -1.0, "sweets": -1.15, "gifts": -1.3}
PRICE_LEVELS = (0.8, 0.9, 1.0, 1.0, 1.1, 1.2)  # a week at each: discounts, and a few price rises


@dataclass(frozen=True)
class PlantedProduct:
    category: str
    slope: float
    intercept: float
    reference: int  # today's price (Rials)
    days: list  # [price_model.Day], oldest first


def price_history(*, products_per_category: int = 6, days: int = 120, seed: int = 7) -> list[PlantedProduct]:
    """Products whose daily conversion follows their category's planted curve, at a price that
    changes weekly (discount weeks and rises), with weekend-heavy traffic; today's price is the
    reference."""

    rng = np.random.default_rng(seed)
    planted = []
    for category, slope in CATEGORY_SLOPES.items():
        for _ in range(products_per_category):
            reference = int(rng.integers(20, 200)) * 100_000
            intercept = float(rng.uniform(-3.3, -2.6))  # 4 to 7 % of views order at the reference price
            level = 1.0
            rows = []
            for day in range(days):
                if day % 7 == 0:
                    level = float(rng.choice(PRICE_LEVELS))
                weekday_boost = 1.4 if day % 7 in WEEKEND_BOOST else 1.0
                views = int(rng.poisson(90 * weekday_boost))
                conversion = 1 / (1 + np.exp(-(intercept + slope * (level - 1))))
                rows.append(Day(price=int(reference * level), views=views, orders=int(rng.binomial(views, conversion))))
            planted.append(PlantedProduct(category, slope, intercept, reference, rows))
    return planted


# --- Baskets: products bought together ----------------------------------------------------------


@dataclass(frozen=True)
class Basket:
    at: datetime.datetime
    product_ids: tuple[int, ...]


def basket_history(
    *, products: int = 200, orders: int = 6000, days: int = 120, seed: int = 7, end: datetime.datetime
) -> tuple[list[Basket], dict[int, int]]:
    """Orders over `days` days (weekend-heavy) whose first product is drawn by popularity (a long
    tail), and which often hold that product's planted partner (a teapot and its cups): 55 % of the
    time, plus now and then a popular product bought alongside by chance. Returns the baskets, oldest
    first, and each product's partner."""
    rng = random.Random(seed)
    ids = list(range(1, products + 1))
    weights = [1 / rank**0.9 for rank in range(1, products + 1)]
    rng.shuffle(weights)
    partners: dict[int, int] = {}
    shuffled = ids[:]
    rng.shuffle(shuffled)
    for a, b in zip(shuffled[::2], shuffled[1::2], strict=False):
        partners[a], partners[b] = b, a
    start = end - datetime.timedelta(days=days)
    baskets = []
    for _ in range(orders):
        moment = start + datetime.timedelta(days=rng.uniform(0, days))
        while moment.weekday() not in WEEKEND_BOOST and rng.random() < 0.3:
            moment += datetime.timedelta(days=1)
        first = rng.choices(ids, weights)[0]
        items = [first]
        if rng.random() < 0.55:
            items.append(partners[first])
        if rng.random() < 0.35:
            items.append(rng.choices(ids, weights)[0])
        baskets.append(Basket(min(moment, end - datetime.timedelta(minutes=1)), tuple(dict.fromkeys(items))))
    baskets.sort(key=lambda b: b.at)
    return baskets, partners


# --- Daily sales with weekly seasonality -------------------------------------------------------


def daily_sales(*, products: int = 60, days: int = 120, seed: int = 7) -> list[list[int]]:
    """Units sold per day per product, oldest first: a level of its own (0.5 to 12 a day), a weekly
    rhythm (Thursday and Friday half again as busy), a slow drift, Poisson noise."""

    rng = np.random.default_rng(seed)
    series = []
    for _ in range(products):
        level = float(rng.uniform(0.5, 12))
        drift = float(rng.uniform(-0.002, 0.002))  # per day, relative
        rows = []
        for day in range(days):
            weekly = 1.5 if day % 7 in WEEKEND_BOOST else 0.8
            rows.append(int(rng.poisson(max(level * weekly * (1 + drift * day), 0.01))))
        series.append(rows)
    return series
