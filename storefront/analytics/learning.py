"""Churn risk, the learning part (no database): features of a customer's order history, the
training set of snapshots, the model, the baseline, the reasons and the time-split evaluation.

A customer has *churned* at a moment t when they place no order in the HORIZON_DAYS after t. The
model learns that from a market's own order history: snapshots every SNAPSHOT_STEP_DAYS, each with
the features of every customer who had ordered before it, labelled by what happened after it. It is
a logistic regression (scikit-learn) on scaled features, so each customer's reasons are the features
that push their score up the most. Used by `services.churn` and by `bench/intelligence.py`.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

# scikit-learn (with SciPy) is imported where a model is fitted or judged, not with this module:
# the dashboard's URLs import it through the selectors, and loading it there cost every new web
# process several seconds on its first request (docs/reliability.md, "Web restart").

HORIZON_DAYS = 45
SNAPSHOT_STEP_DAYS = 7
WINDOW_DAYS = 60
# Customers who have not ordered for this long are already gone (lapsed): both methods agree on
# them, so the model learns from, and is judged on, the customers still active.
ACTIVE_DAYS = 2 * WINDOW_DAYS
MIN_SAMPLES = 60
MIN_PER_CLASS = 10
AT_RISK_SCORE = 0.5

# One row of features per (customer, moment). Order matters: it is the model's column order.
FEATURES = (
    "recency_log",  # log(1 + days since the last order)
    "overdue",  # log(1 + recency ÷ the customer's usual gap between orders)
    "orders_log",  # log(1 + orders so far)
    "recent_orders",  # orders in the last WINDOW_DAYS
    "frequency_change",  # orders in the last window − orders in the window before
    "spend_change",  # log ratio of spend in the last window to the window before
    "basket_change",  # log ratio of the average basket of the last 3 orders to the ones before
    "tenure_days",  # days since the first order
)
# Which reason each feature speaks for on the owner's page.
REASON_OF = {
    "recency_log": "recency",
    "overdue": "recency",
    "recent_orders": "frequency",
    "frequency_change": "frequency",
    "spend_change": "spend",
    "basket_change": "spend",
}


@dataclass(frozen=True)
class Purchase:
    user_id: int
    at: datetime.datetime
    total: int


def history_by_customer(purchases: Iterable[Purchase]) -> dict[int, list[tuple[datetime.datetime, int]]]:
    by_user: dict[int, list[tuple[datetime.datetime, int]]] = defaultdict(list)
    for purchase in purchases:
        by_user[purchase.user_id].append((purchase.at, purchase.total))
    for rows in by_user.values():
        rows.sort()
    return by_user


def customer_features(rows: list[tuple[datetime.datetime, int]], as_of: datetime.datetime) -> dict | None:
    """The features of one customer at `as_of` from their orders before it (None: no order yet)."""
    past = [(at, total) for at, total in rows if at < as_of]
    if not past:
        return None
    days = lambda at: (as_of - at).total_seconds() / 86400  # noqa: E731
    recency = days(past[-1][0])
    tenure = days(past[0][0])
    gaps = [(b[0] - a[0]).total_seconds() / 86400 for a, b in zip(past, past[1:], strict=False)]
    usual_gap = float(np.median(gaps)) if gaps else max(tenure, 30.0)
    recent = [(at, total) for at, total in past if days(at) <= WINDOW_DAYS]
    before = [(at, total) for at, total in past if WINDOW_DAYS < days(at) <= 2 * WINDOW_DAYS]
    recent_spend, before_spend = sum(t for _a, t in recent), sum(t for _a, t in before)
    return {
        "recency_days": recency,
        "recency_log": math.log1p(recency),
        "overdue": math.log1p(recency / max(usual_gap, 1.0)),
        "orders_log": math.log1p(len(past)),
        "recent_orders": float(len(recent)),
        "frequency_change": float(len(recent) - len(before)),
        "spend_change": math.log1p(recent_spend / 10_000) - math.log1p(before_spend / 10_000),
        "tenure_days": tenure,
        "basket_change": _basket_change([total for _at, total in past]),
        # Shown with the reasons, not learned from.
        "_orders": len(past),
        "_before_orders": len(before),
        "_spend": sum(t for _a, t in past),
        "_recent_spend": recent_spend,
        "_before_spend": before_spend,
        "_usual_gap": usual_gap,
        "_last_order": past[-1][0],
    }


def _basket_change(totals: list[int], recent: int = 3) -> float:
    """log(average of the last `recent` baskets ÷ average of the ones before); 0 without both."""
    if len(totals) <= recent:
        return 0.0
    last, earlier = totals[-recent:], totals[:-recent]
    return math.log(sum(last) / len(last)) - math.log(sum(earlier) / len(earlier))


def is_active(features: Mapping) -> bool:
    return features["recency_days"] <= ACTIVE_DAYS


def vector(features: Mapping) -> list[float]:
    return [float(features[name]) for name in FEATURES]


def training_set(
    purchases: Iterable[Purchase], *, until: datetime.datetime
) -> tuple[np.ndarray, np.ndarray, list[datetime.datetime]]:
    """Snapshots every SNAPSHOT_STEP_DAYS whose horizon ends before `until`: features at the
    snapshot, label 1 when the customer ordered nothing in the HORIZON_DAYS after it."""
    history = history_by_customer(purchases)
    if not history:
        return np.empty((0, len(FEATURES))), np.empty(0), []
    first = min(rows[0][0] for rows in history.values())
    horizon = datetime.timedelta(days=HORIZON_DAYS)
    cutoff = until - horizon
    rows_x, rows_y, moments = [], [], []
    while cutoff > first + datetime.timedelta(days=SNAPSHOT_STEP_DAYS):
        for rows in history.values():
            features = customer_features(rows, cutoff)
            if features is None or not is_active(features):
                continue
            came_back = any(cutoff <= at < cutoff + horizon for at, _t in rows)
            rows_x.append(vector(features))
            rows_y.append(0 if came_back else 1)
            moments.append(cutoff)
        cutoff -= datetime.timedelta(days=SNAPSHOT_STEP_DAYS)
    return np.array(rows_x, dtype=float).reshape(-1, len(FEATURES)), np.array(rows_y), moments


def has_enough(labels: np.ndarray) -> bool:
    positives = int(labels.sum())
    return len(labels) >= MIN_SAMPLES and positives >= MIN_PER_CLASS and len(labels) - positives >= MIN_PER_CLASS


def model_fit(features: np.ndarray, labels: np.ndarray) -> Pipeline:
    # deferred: sklearn takes seconds to load, paid only when a model is fitted
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000))
    return model.fit(features, labels)


def baseline_score(features: Mapping) -> float:
    """Days since the last order, squashed to 0..1 (the higher, the likelier gone)."""
    return 1 - math.exp(-features["recency_days"] / HORIZON_DAYS)


def reasons_for(features: Mapping, model: Pipeline | None) -> list[dict]:
    """The reasons behind a score, strongest first: each a code and the figures the page shows."""
    weights: dict[str, float] = defaultdict(float)
    if model is not None:
        scaler, regression = model[0], model[-1]
        scaled = (np.array(vector(features)) - scaler.mean_) / scaler.scale_
        contributions = scaled * regression.coef_[0]
        for name, value in zip(FEATURES, contributions, strict=True):
            if name in REASON_OF:
                weights[REASON_OF[name]] += float(value)
    details = {
        "recency": {"days": round(features["recency_days"]), "usual_gap": round(features["_usual_gap"])},
        "frequency": {"recent": int(features["recent_orders"]), "before": features["_before_orders"]},
        "spend": {"recent": features["_recent_spend"], "before": features["_before_spend"]},
    }
    meaningful = {
        "recency": features["recency_days"] > min(features["_usual_gap"], HORIZON_DAYS),
        "frequency": features["frequency_change"] < 0,
        "spend": features["_recent_spend"] < features["_before_spend"],
    }
    # What pushed the score up most first, then the other facts that are true of this customer.
    ranked = sorted(meaningful, key=lambda code: -weights.get(code, 0.0))
    return [{"code": code, **details[code]} for code in ranked if meaningful[code]]


@dataclass(frozen=True)
class Evaluation:
    auc: float | None
    baseline_auc: float | None


def evaluate(features: np.ndarray, labels: np.ndarray, moments: list[datetime.datetime]) -> Evaluation:
    """Split by time: learn on the older snapshots, score the newest quarter, vs the baseline."""
    # deferred: sklearn takes seconds to load, paid only when a model is evaluated
    from sklearn.metrics import roc_auc_score

    if not moments:
        return Evaluation(None, None)
    order = sorted(set(moments))
    split = order[int(len(order) * 0.75)] if len(order) >= 4 else order[-1]
    train = np.array([m < split for m in moments])
    test = ~train
    if not has_enough(labels[train]) or len(set(labels[test])) < 2:
        return Evaluation(None, None)
    model = model_fit(features[train], labels[train])
    predicted = model.predict_proba(features[test])[:, 1]
    recency = features[test][:, FEATURES.index("recency_log")]  # monotonic in days: same ranking
    return Evaluation(float(roc_auc_score(labels[test], predicted)), float(roc_auc_score(labels[test], recency)))
