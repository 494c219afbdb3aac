"""Churn risk per customer of a market: train on the market's own orders, score every customer,
keep the rows the owner's page reads. The learning itself is in `storefront.analytics.learning`.

Trained per market, not pooled: markets differ in how often their customers come back (a saffron
shop sells twice a year, a grocer weekly), and the features are relative to each customer's own
rhythm, so a market's own history is the right reference. A market with too little history (or past
the time budget) gets the baseline, "days since the last order", labelled as such on the page.
`bench/intelligence.py` measures both on planted data.
"""

from __future__ import annotations

import datetime
import time

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tenants.utils import tenant_context

from asoud.notifications.links import market_link
from asoud.notifications.services import notify
from storefront.orders.models import Order
from storefront.orders.selectors import SALE
from tenants.models import Market
from tenants.selectors import market_list_real

from ..learning import (
    Evaluation,
    Purchase,
    baseline_score,
    customer_features,
    evaluate,
    has_enough,
    history_by_customer,
    model_fit,
    reasons_for,
    training_set,
    vector,
)
from ..models import ChurnRun, CustomerRisk

TIME_BUDGET_SECONDS = 60.0


def market_purchases() -> list[Purchase]:
    """Every sale of the current market's schema, oldest first (one query)."""
    rows = Order.objects.filter(SALE).order_by("created_at").values_list("user_id", "created_at", "total")
    return [Purchase(user_id, at, total) for user_id, at, total in rows]


@transaction.atomic
def churn_compute(*, as_of: datetime.datetime | None = None, budget_seconds: float = TIME_BUDGET_SECONDS) -> ChurnRun:
    """Train on the current market's history and replace every customer's risk row. Past the time
    budget (or with too little history) the market gets the baseline, labelled as such."""
    started = time.monotonic()
    as_of = as_of or timezone.now()
    purchases = market_purchases()
    features, labels, moments = training_set(purchases, until=as_of)
    model = None
    evaluation = Evaluation(None, None)
    if has_enough(labels):
        evaluation = evaluate(features, labels, moments)
        if time.monotonic() - started < budget_seconds:
            model = model_fit(features, labels)
    current = {
        user_id: found
        for user_id, rows in history_by_customer(purchases).items()
        if (found := customer_features(rows, as_of)) is not None
    }
    user_ids = list(current)
    if model is not None and user_ids:
        scores = model.predict_proba(np.array([vector(current[u]) for u in user_ids]))[:, 1]
    else:
        scores = [baseline_score(current[u]) for u in user_ids]
    contacted = dict(CustomerRisk.objects.values_list("user_id", "contacted_at"))
    CustomerRisk.objects.all().delete()
    CustomerRisk.objects.bulk_create(
        CustomerRisk(
            user_id=user_id,
            score=float(score),
            recency_days=round(current[user_id]["recency_days"]),
            orders=current[user_id]["_orders"],
            spend=current[user_id]["_spend"],
            last_order_at=current[user_id]["_last_order"],
            reasons=reasons_for(current[user_id], model),
            contacted_at=contacted.get(user_id),
        )
        for user_id, score in zip(user_ids, scores, strict=True)
    )
    return ChurnRun.objects.create(
        method=ChurnRun.Method.MODEL if model is not None else ChurnRun.Method.BASELINE,
        samples=len(labels),
        positives=int(labels.sum()) if len(labels) else 0,
        customers=len(user_ids),
        auc=evaluation.auc,
        baseline_auc=evaluation.baseline_auc,
        seconds=time.monotonic() - started,
    )


def churn_compute_all(*, budget_seconds: float = TIME_BUDGET_SECONDS) -> dict[str, str]:
    result = {}
    for market in market_list_real():
        with tenant_context(market):
            result[market.schema_name] = churn_compute(budget_seconds=budget_seconds).method
    connection.set_schema_to_public()
    return result


class WinbackRefused(Exception):
    """The message was not sent; the text says why (shown to the owner)."""


WINBACK_PAUSE = datetime.timedelta(days=7)
WINBACK_MAX_LENGTH = 300


def winback_send(*, market: Market, user_id: int, message: str) -> CustomerRisk:
    """Send a customer at risk the owner's own message (in-app, SMS, email as they chose), at most
    once a week per customer so a shop cannot flood anyone."""
    message = " ".join(message.split())[:WINBACK_MAX_LENGTH]
    if not message:
        raise WinbackRefused(gettext("Write a message first."))
    with transaction.atomic():
        risk = CustomerRisk.objects.select_for_update().filter(user_id=user_id).first()
        if risk is None:
            raise WinbackRefused(gettext("This person is not on the list of customers at risk."))
        if risk.contacted_at and timezone.now() - risk.contacted_at < WINBACK_PAUSE:
            raise WinbackRefused(gettext("You already wrote to this customer this week."))
        risk.contacted_at = timezone.now()
        risk.save(update_fields=["contacted_at"])
        notify(
            user_id=user_id,
            event="market_message",
            context={"message": message, "url": market_link(market_id=market.pk, path="/")},
            market_id=market.pk,
        )
    return risk
