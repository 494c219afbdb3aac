"""Writes of the analytics app, split by subject."""

from .churn import WinbackRefused, churn_compute, churn_compute_all, winback_send
from .events import events_flush_all, events_flush_market, events_store, pending_schemas, visits_update
from .fraud import fraud_scan_all, fraud_scan_market
from .recommendations import recommendations_compute, recommendations_compute_all
from .rollup import day_bounds, rollup_all, rollup_day, rollup_range

__all__ = [
    "WinbackRefused",
    "churn_compute",
    "churn_compute_all",
    "winback_send",
    "day_bounds",
    "events_flush_all",
    "events_flush_market",
    "events_store",
    "fraud_scan_all",
    "fraud_scan_market",
    "pending_schemas",
    "recommendations_compute",
    "recommendations_compute_all",
    "rollup_all",
    "rollup_day",
    "rollup_range",
    "visits_update",
]
