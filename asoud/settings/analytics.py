"""Analytics: behaviour events buffered in Redis, daily roll-ups, recommendations, fraud signals.

Tracking never writes to the database during a request: `storefront.analytics.tracking.track` pushes
a compact JSON event onto a Redis list per market schema; `analytics.events_flush` moves them into
the market's tables in batches.
"""

import environ
from celery.schedules import crontab

from .base import CELERY_BEAT_SCHEDULE  # base.py star-imports this module at its end

env = environ.Env()

# Off: `track()` returns at once (the storefront bench compares both).
ANALYTICS_TRACKING_ENABLED = env.bool("ANALYTICS_TRACKING_ENABLED", default=True)
# Events moved from Redis to the database per batch, and batches per market per flush run.
ANALYTICS_FLUSH_BATCH = env.int("ANALYTICS_FLUSH_BATCH", default=2000)
ANALYTICS_FLUSH_MAX_BATCHES = env.int("ANALYTICS_FLUSH_MAX_BATCHES", default=25)
# A visit ends after this many minutes without a page.
ANALYTICS_SESSION_GAP_MINUTES = 30
# Days a supplier takes to deliver: the stock forecast's reorder date comes this long before stock runs out.
ANALYTICS_REORDER_LEAD_DAYS = env.int("ANALYTICS_REORDER_LEAD_DAYS", default=7)
# Customer lifetime value: expected years a customer keeps buying.
ANALYTICS_LTV_YEARS = 2
# Fraud thresholds (within the look-back window).
ANALYTICS_FRAUD_WINDOW_DAYS = 7
ANALYTICS_FRAUD_FAILED_PAYMENTS = 3  # failed payments from one mobile number in one market
ANALYTICS_FRAUD_OTP_REQUESTS = 10  # code requests from one number or one IP
ANALYTICS_FRAUD_QUANTITY = 10  # units of one product in one order
ANALYTICS_FRAUD_ADDRESS_ACCOUNTS = 3  # different accounts ordering to one address
ANALYTICS_FRAUD_REFUSED_CASH = 2  # cash orders cancelled after shipping, per shopper

CELERY_BEAT_SCHEDULE["analytics-events-flush"] = {
    "task": "analytics.events_flush",
    "schedule": 15.0,
    "options": {"queue": "analytics", "expires": 14.0},
}
CELERY_BEAT_SCHEDULE["analytics-rollup"] = {
    # Today and yesterday, every hour (idempotent: each run replaces the days it covers).
    "task": "analytics.rollup",
    "schedule": crontab(minute=7),
    "options": {"queue": "analytics"},
}
CELERY_BEAT_SCHEDULE["analytics-recommendations"] = {
    "task": "analytics.recommendations",
    "schedule": crontab(hour=3, minute=17),
    "options": {"queue": "analytics"},
}
CELERY_BEAT_SCHEDULE["analytics-fraud"] = {
    "task": "analytics.fraud_scan",
    "schedule": crontab(minute="*/30"),
    "options": {"queue": "analytics"},
}
CELERY_BEAT_SCHEDULE["analytics-churn"] = {
    # Nightly, after the recommendations: retrain every market's churn model and rescore.
    "task": "analytics.churn",
    "schedule": crontab(hour=3, minute=47),
    "options": {"queue": "analytics"},
}
CELERY_BEAT_SCHEDULE["analytics-price-suggestions"] = {
    # Nightly, after the roll-up's last run of the day: suggestions the owner accepts or dismisses.
    "task": "analytics.price_suggestions",
    "schedule": crontab(hour=4, minute=17),
    "options": {"queue": "analytics"},
}
