"""Scheduled analytics work (beat, queue "analytics"). Each task starts in the public schema and visits
markets itself: the flusher only those with pending events, the others every market."""

from celery import shared_task
from django.db import connection

from asoud.core.dirty_markets import market_mark_dirty

from . import services


@shared_task(name="analytics.events_flush", queue="analytics", ignore_result=True)
def events_flush_task() -> dict:
    connection.set_schema_to_public()
    flushed = services.events_flush_all()
    market_mark_dirty(*(schema for schema, stored in flushed.items() if stored))  # for the periodic jobs
    return flushed


@shared_task(name="analytics.rollup", queue="analytics")
def rollup_task(days: int = 2) -> dict:
    connection.set_schema_to_public()
    return services.rollup_all(days=days)


@shared_task(name="analytics.recommendations", queue="analytics")
def recommendations_task() -> dict:
    connection.set_schema_to_public()
    return services.recommendations_compute_all()


@shared_task(name="analytics.fraud_scan", queue="analytics")
def fraud_scan_task() -> int:
    connection.set_schema_to_public()
    return services.fraud_scan_all()


@shared_task(name="analytics.churn", queue="analytics", soft_time_limit=30 * 60)
def churn_task() -> dict:
    """Nightly: retrain each market's churn model and rescore its customers (time budget per market)."""
    connection.set_schema_to_public()
    return services.churn_compute_all()


@shared_task(name="analytics.churn_market", queue="analytics", soft_time_limit=5 * 60)
def churn_market_task() -> str:
    """The owner's "compute now": runs in the schema of the market that queued it."""
    return services.churn_compute().method


@shared_task(name="analytics.price_suggestions", queue="analytics", soft_time_limit=30 * 60)
def price_suggestions_task() -> dict:
    """Nightly: every market's price suggestions (never applied; the owner decides)."""
    connection.set_schema_to_public()
    return services.price_suggestions_compute_all()
