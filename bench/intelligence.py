"""Do the models beat their baselines? Planted data, split by time, one table.

    .venv/bin/python bench/intelligence.py [--customers 300] [--seed 7]

Churn: `storefront.analytics.synthetic.churn_history` plants customers who slow down and stop among
loyal ones with rhythms of their own (fixed seed). The model learns on snapshots whose horizon ends
before the test moment (the last HORIZON_DAYS of the history are never seen in training); at the test
moment every customer is scored and compared with what happened next: ROC-AUC, and precision among
the top k flagged (k = how many really left), for the model and for the baseline "days since the last order". Training time
is measured on a market of about 10,000 orders. The same code scores markets in production
(`storefront.analytics.services.churn`); no database is needed here.

Recommendations: `basket_history` plants a partner for every product (bought with it 55 % of the
time) among popularity-drawn baskets. Co-purchase counts of the training weeks (the rule the nightly
SQL of `services.recommendations` applies) rank the "bought together" row of a product in a test-week
basket; the hidden other product of that basket should be in the top 10: hit-rate@10 and mean
reciprocal rank, against "the 10 most popular products".

Forecast: `daily_sales` plants products with weekly rhythms and drift; the stock forecast's rule
(`forecasting.rate_forecast`, the average day of the last 30) predicts each of the last 8 weeks from
the days before it: MAPE, against "next week sells what last week did".

Price suggestions: `price_history` plants categories with a known price response (weekly price
changes, discounts and rises); `price_model.suggest_group` suggests a price per product from its
category's days; the error is the distance to the revenue-best price under the planted curve (as a
share of it), against "keep today's price"; also how far the learned response is from the planted one.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storefront.analytics import forecasting, price_model
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
from storefront.analytics.synthetic import basket_history, churn_history, daily_sales, price_history

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


def recommendation_rows(seed: int) -> list[tuple[str, str, str, str]]:
    baskets, _partners = basket_history(seed=seed, end=END)
    split = END - datetime.timedelta(days=28)  # the last four weeks are the test
    train = [b for b in baskets if b.at < split]
    test = [b for b in baskets if b.at >= split and len(b.product_ids) >= 2]
    together: dict[int, Counter] = defaultdict(Counter)
    popularity: Counter = Counter()
    for basket in train:
        popularity.update(basket.product_ids)
        for a in basket.product_ids:
            for b in basket.product_ids:
                if a != b:
                    together[a][b] += 1
    popular = [pk for pk, _n in sorted(popularity.items(), key=lambda kv: (-kv[1], kv[0]))]

    def ranked_together(pk: int) -> list[int]:
        return [other for other, _n in sorted(together[pk].items(), key=lambda kv: (-kv[1], kv[0]))][:10]

    def ranked_popular(pk: int) -> list[int]:
        return [other for other in popular if other != pk][:10]

    scores = {"model": [0.0, 0.0], "baseline": [0.0, 0.0]}
    for basket in test:
        query, target = basket.product_ids[0], basket.product_ids[1]
        for name, ranking in (("model", ranked_together(query)), ("baseline", ranked_popular(query))):
            if target in ranking:
                scores[name][0] += 1
                scores[name][1] += 1 / (ranking.index(target) + 1)
    n = len(test)
    hit, base_hit = scores["model"][0] / n, scores["baseline"][0] / n
    mrr, base_mrr = scores["model"][1] / n, scores["baseline"][1] / n
    return [
        ("recommendations hit-rate@10", f"{hit:.3f}", f"{base_hit:.3f}", f"{hit - base_hit:+.3f}"),
        ("recommendations MRR", f"{mrr:.3f}", f"{base_mrr:.3f}", f"{mrr - base_mrr:+.3f}"),
        ("recommendation test baskets", f"{n:,}", "", f"{len(train):,} training orders"),
    ]


def forecast_rows(seed: int) -> list[tuple[str, str, str, str]]:
    series = daily_sales(seed=seed)
    model = [forecasting.backtest_mape(units) for units in series]
    baseline = [forecasting.backtest_mape(units, method=forecasting.last_week_forecast) for units in series]
    pairs = [(m, b) for m, b in zip(model, baseline, strict=True) if m is not None and b is not None]
    mape, base_mape = np.mean([m for m, _b in pairs]), np.mean([b for _m, b in pairs])
    return [
        ("forecast MAPE, next 7 days (lower is better)", f"{mape:.3f}", f"{base_mape:.3f}",
         f"{mape - base_mape:+.3f} ({(1 - mape / base_mape) * 100:.0f} % less error)"),
    ]  # fmt: skip


def price_rows(seed: int) -> list[tuple[str, str, str, str]]:
    planted = price_history(seed=seed)
    by_category: dict[str, list[int]] = defaultdict(list)
    for index, product in enumerate(planted):
        by_category[product.category].append(index)
    errors, base_errors, slope_errors = [], [], []
    started = time.process_time()  # CPU time: the wall clock of a shared machine says little
    for indices in by_category.values():
        found = price_model.suggest_group(
            [price_model.ProductPrices(i, planted[i].reference, planted[i].days, []) for i in indices], seed=seed
        )
        for i in indices:
            truth = planted[i]
            best = truth.reference * (1 + price_model.revenue_optimum(truth.intercept, truth.slope))
            errors.append(abs(found[i].suggested - best) / best)
            base_errors.append(abs(truth.reference - best) / best)
            slope_errors.append(abs(found[i].slope - truth.slope))
    seconds = time.process_time() - started
    error, base_error = float(np.mean(errors)), float(np.mean(base_errors))
    return [
        ("price suggestion error vs best price (lower is better)", f"{error:.3f}", f"{base_error:.3f}",
         f"{error - base_error:+.3f} ({(1 - error / base_error) * 100:.0f} % closer)"),
        ("price response error vs planted (|slope − planted|)", f"{np.mean(slope_errors):.3f}", "",
         f"planted slopes {min(p.slope for p in planted)} to {max(p.slope for p in planted)}"),
        (f"price suggestions, {len(planted)} products × {len(planted[0].days)} days", f"{seconds:.2f} s CPU", "",
         "with bootstrap confidence"),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    table = [("measure", "model", "baseline", "difference"), *churn_rows(args.customers, args.seed)]
    table.append(training_time(args.seed))
    table += recommendation_rows(args.seed)
    table += forecast_rows(args.seed)
    table += price_rows(args.seed)
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for index, row in enumerate(table):
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
