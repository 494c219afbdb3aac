"""Writes of the analytics app, split by subject."""

from .churn import WinbackRefused, churn_compute, churn_compute_all, winback_send
from .events import events_flush_all, events_flush_market, events_store, pending_schemas, visits_update
from .fraud import fraud_scan_all, fraud_scan_market
from .prices import (
    SuggestionRefused,
    price_suggestion_accept,
    price_suggestion_dismiss,
    price_suggestions_compute,
    price_suggestions_compute_all,
)
from .recommendations import recommendations_compute, recommendations_compute_all
from .rollup import (
    ROLLUP_DAYS,
    day_bounds,
    live_days,
    market_day_compute,
    product_days_compute,
    rollup_all,
    rollup_day,
    rollup_range,
)

__all__ = [
    "WinbackRefused",
    "churn_compute",
    "churn_compute_all",
    "winback_send",
    "ROLLUP_DAYS",
    "day_bounds",
    "events_flush_all",
    "events_flush_market",
    "events_store",
    "fraud_scan_all",
    "fraud_scan_market",
    "live_days",
    "price_suggestion_accept",
    "price_suggestion_dismiss",
    "price_suggestions_compute",
    "price_suggestions_compute_all",
    "SuggestionRefused",
    "market_day_compute",
    "pending_schemas",
    "product_days_compute",
    "recommendations_compute",
    "recommendations_compute_all",
    "rollup_all",
    "rollup_day",
    "rollup_range",
    "visits_update",
]
