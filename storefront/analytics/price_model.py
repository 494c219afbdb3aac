"""Price suggestions, the learning part (no database): how a product's conversion (views → orders)
answers its price, and the price that earns the most per visitor.

From the product's own days (price shown, views, orders), a logistic regression (scikit-learn) learns
the chance that a view becomes an order as a function of the price against today's (price ÷ current − 1;
linear, so that sales per view have a best price inside the range instead of at its ends): a day with V
views and O orders is O positive and V − O negative examples (sample weights). Expected sales per
view at a price p are p × P(order | p); the suggestion is the best of the prices within MAX_STEP of
today's (a model trusts only prices near those it has seen), never above the other markets' dearest
price for the same product by more than MARKET_MARGIN. Its confidence is the share of bootstrap
refits (days resampled) in which moving to the suggested price still earns more than staying.

Too little data (fewer than MIN_DAYS days, MIN_ORDERS orders, or fewer than two prices MIN_PRICE_GAP
apart): the baseline, the median price of the same product in other markets, labelled as such.
Used by `services.prices` and by `bench/intelligence.py`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.linear_model import LogisticRegression

# scikit-learn is imported where a model is fitted, not with this module: the dashboard's URLs
# import it through the services, and loading SciPy there slows every new web process (as learning.py).

MIN_DAYS = 21
MIN_ORDERS = 20
MIN_PRICE_GAP = 0.04  # two prices at least 4 % apart, or the data says nothing about price
MAX_STEP = 0.2
MARKET_MARGIN = 0.1
GRID = np.linspace(-MAX_STEP, MAX_STEP, 41)
BOOTSTRAPS = 20
ROUND_TO = 10_000  # Rials (1,000 Toman)


@dataclass(frozen=True)
class Day:
    price: int  # Rials, as shown that day (discounts included)
    views: int
    orders: int


@dataclass
class Suggestion:
    method: str  # "model" | "baseline"
    current: int
    suggested: int
    orders_change: float | None = None  # per view, at the suggested price (0.05: +5 %)
    revenue_change: float | None = None
    confidence: float | None = None  # 0..1
    slope: float | None = None  # d log-odds / d (price ÷ current)
    reasons: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class ProductPrices:
    key: int  # the product's id (or any label)
    current: int  # today's price, Rials
    days: list[Day]
    others: list[int]  # the same product's prices in other markets


def has_enough(rows: list[tuple[float, Day]]) -> bool:
    """Enough days and orders, at prices at least MIN_PRICE_GAP apart (`rows`: (x, day))."""
    seen = [x for x, day in rows if day.views]
    if len(seen) < MIN_DAYS or sum(day.orders for _x, day in rows) < MIN_ORDERS:
        return False
    return max(seen) - min(seen) >= MIN_PRICE_GAP


class _Pool:
    """The days of a group of products (a category), one row per day: x = price ÷ current − 1."""

    def __init__(self, products: list[ProductPrices]):
        self.products = products
        rows = [(i, d.price / p.current - 1, d) for i, p in enumerate(products) for d in p.days]
        self.product = np.array([r[0] for r in rows], dtype=int)
        self.x = np.array([r[1] for r in rows], dtype=float)
        self.views = np.array([r[2].views for r in rows], dtype=float)
        self.orders = np.array([r[2].orders for r in rows], dtype=float)

    def features(self, product: np.ndarray, x: np.ndarray) -> np.ndarray:
        onehot = np.zeros((len(x), len(self.products)))
        onehot[np.arange(len(x)), product] = 1.0
        return np.column_stack([x, onehot])

    def fit(self, pick: np.ndarray | None = None) -> LogisticRegression | None:
        """One shared price response, a base conversion per product; days with the same product and
        price are summed first (a handful of weighted rows, so a fit takes milliseconds)."""
        pick = np.arange(len(self.x)) if pick is None else pick
        keys = self.product[pick] * 10_000 + np.round(self.x[pick] * 1000).astype(int)
        unique, group = np.unique(keys, return_inverse=True)
        views, orders = np.zeros(len(unique)), np.zeros(len(unique))
        np.add.at(views, group, self.views[pick])
        np.add.at(orders, group, self.orders[pick])
        first = np.zeros(len(unique), dtype=int)
        first[group] = pick
        features = self.features(self.product[first], self.x[first])
        both = np.vstack([features, features])
        labels = np.concatenate([np.ones(len(unique)), np.zeros(len(unique))])
        weights = np.concatenate([orders, np.maximum(views - orders, 0)])
        keep = weights > 0
        if len(set(labels[keep])) < 2:
            return None
        # deferred: sklearn takes seconds to load, paid only when a model is fitted
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=100.0, max_iter=1000).fit(both[keep], labels[keep], sample_weight=weights[keep])

    def conversion(self, model: LogisticRegression, index: int, x: np.ndarray) -> np.ndarray:
        return model.predict_proba(self.features(np.full(len(x), index), x))[:, 1]


def _allowed(current: int, others: list[int]) -> np.ndarray:
    grid = GRID
    if others:
        ceiling = max(others) * (1 + MARKET_MARGIN) / current - 1
        grid = grid[grid <= max(ceiling, 0.0)]
    return grid


def rounded(price: float) -> int:
    return max(ROUND_TO, int(round(price / ROUND_TO)) * ROUND_TO)


def suggest_group(products: list[ProductPrices], *, seed: int = 0) -> dict[int, Suggestion | None]:
    """Suggestions for products that share a price response (one category of one market): the model
    when their days together say enough about price, else each product's baseline."""
    products = [p for p in products if p.current > 0]
    pool = _Pool(products) if products else None
    model = None
    if pool is not None and has_enough(list(zip(pool.x, [d for p in products for d in p.days], strict=True))):
        model = pool.fit()
    if model is None:
        return {p.key: _baseline(p.current, p.others) for p in products}
    rng = np.random.default_rng(seed)
    refits = [pool.fit(rng.integers(0, len(pool.x), len(pool.x))) for _ in range(BOOTSTRAPS)]
    refits = [m for m in refits if m is not None]
    result = {}
    for index, product in enumerate(products):
        if sum(d.orders for d in product.days) == 0:
            result[product.key] = _baseline(product.current, product.others)
            continue
        result[product.key] = _suggestion(pool, model, refits, index, product)
    return result


def _suggestion(pool: _Pool, model, refits: list, index: int, product: ProductPrices) -> Suggestion:
    grid = _allowed(product.current, product.others)
    revenue = (1 + grid) * pool.conversion(model, index, grid)
    best = float(grid[int(np.argmax(revenue))])
    points = np.array([best, 0.0, 0.1])
    conversion_best, conversion_now, conversion_up = pool.conversion(model, index, points)
    wins = 0
    for again in refits:
        gain = (1 + points[:2]) * pool.conversion(again, index, points[:2])
        wins += (
            bool(gain[0] > gain[1])
            if best
            else bool(np.argmax((1 + grid) * pool.conversion(again, index, grid)) == np.argmax(grid == 0.0))
        )
    reasons = [
        {"code": "response", "orders_per_ten_percent": round(float(conversion_up / conversion_now - 1), 3)},
        {"code": "tested", "low": min(d.price for d in product.days), "high": max(d.price for d in product.days),
         "days": len(product.days)},
    ]  # fmt: skip
    if product.others:
        reasons.append(_market_reason(product.others))
    return Suggestion(
        method="model",
        current=product.current,
        suggested=rounded(product.current * (1 + best)),
        orders_change=float(conversion_best / conversion_now - 1),
        revenue_change=float((1 + best) * conversion_best / conversion_now - 1),
        confidence=wins / max(len(refits), 1),
        slope=float(model.coef_[0][0]),
        reasons=reasons,
    )


def _market_reason(others: list[int]) -> dict:
    return {"code": "market", "low": min(others), "high": max(others), "median": int(statistics.median(others)),
            "markets": len(others)}  # fmt: skip


def _baseline(current: int, others: list[int]) -> Suggestion | None:
    if not others:
        return None
    median = statistics.median(others)
    target = min(max(median, current * (1 - MAX_STEP)), current * (1 + MAX_STEP))
    return Suggestion(method="baseline", current=current, suggested=rounded(target), reasons=[_market_reason(others)])


def revenue_optimum(intercept: float, slope: float, grid: np.ndarray = GRID) -> float:
    """The best price step (price ÷ reference − 1) for a known logistic conversion curve (the bench's
    ground truth)."""
    conversion = 1 / (1 + np.exp(-(intercept + slope * grid)))
    return float(grid[int(np.argmax((1 + grid) * conversion))])
