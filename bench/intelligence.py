"""Do the models beat their baselines? Planted data, split by time, one table.

    .venv/bin/python bench/intelligence.py [--customers 300] [--seed 7]

Churn: `storefront.analytics.synthetic.churn_history` plants customers who slow down and stop among
loyal ones with rhythms of their own (fixed seed). The model learns on snapshots whose horizon ends
before the test moment (the last HORIZON_DAYS of the history are never seen in training); at the test
moment every customer is scored and compared with what happened next: ROC-AUC, and precision among
the top k flagged (k = how many really left), for the model and for the baseline "days since the last order". Training time
is measured on a market of about 10,000 orders. The same code scores markets in production
(`storefront.analytics.services.churn`); no database is needed here.

Recommendations, forecasts and price suggestions are not in this table yet (see the README).
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storefront.analytics.learning import (
    HORIZON_DAYS,
    baseline_score,
    customer_features,
    history_by_customer,
    is_active,
    model_fit,
    training_set,
    vector,
)
from storefront.analytics.synthetic import churn_history

END = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)


def precision_at(labels: np.ndarray, scores: np.ndarray, k: int) -> float:
    top = np.argsort(-scores)[: max(1, k)]
    return float(labels[top].mean())


def churn_rows(customers: int, seed: int) -> list[tuple[str, str, str, str]]:
    planted = churn_history(customers=customers, seed=seed, end=END)
    test_moment = END - datetime.timedelta(days=HORIZON_DAYS)
    seen = [p for p in planted.purchases if p.at < test_moment]
    features, labels, _moments = training_set(seen, until=test_moment)
    model = model_fit(features, labels)
    history = history_by_customer(planted.purchases)
    rows, truth = [], []
    for rows_of_customer in history.values():
        found = customer_features(rows_of_customer, test_moment)
        if found is None or not is_active(found):
            continue
        rows.append(found)
        truth.append(0 if any(test_moment <= at < END for at, _t in rows_of_customer) else 1)
    labels_test = np.array(truth)
    model_scores = model.predict_proba(np.array([vector(f) for f in rows]))[:, 1]
    baseline_scores = np.array([baseline_score(f) for f in rows])
    auc, base_auc = roc_auc_score(labels_test, model_scores), roc_auc_score(labels_test, baseline_scores)
    k = int(labels_test.sum())  # as many flagged as really left
    prec, base_prec = precision_at(labels_test, model_scores, k), precision_at(labels_test, baseline_scores, k)
    return [
        ("churn ROC-AUC", f"{auc:.3f}", f"{base_auc:.3f}", f"{auc - base_auc:+.3f}"),
        ("churn precision@k (k = churned)", f"{prec:.3f}", f"{base_prec:.3f}", f"{prec - base_prec:+.3f}"),
        ("churn test customers / churned", str(len(truth)), str(int(labels_test.sum())), ""),
    ]


def training_time(seed: int) -> tuple[str, str, str, str]:
    planted = churn_history(customers=380, days=365, seed=seed, end=END)
    started = time.perf_counter()
    features, labels, _ = training_set(planted.purchases, until=END)
    model_fit(features, labels)
    seconds = time.perf_counter() - started
    return (f"churn training, {len(planted.purchases):,} orders", f"{seconds:.2f} s", "", f"{len(labels):,} examples")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    table = [("measure", "model", "baseline", "difference"), *churn_rows(args.customers, args.seed)]
    table.append(training_time(args.seed))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for index, row in enumerate(table):
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
