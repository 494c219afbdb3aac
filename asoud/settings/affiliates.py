"""Marketplace index and affiliate programme (marketers, attribution, withdrawals)."""

from .base import CELERY_BEAT_SCHEDULE, env

# Last-click attribution: how long the cookie set on a market host after a marketer's link counts.
AFFILIATES_ATTRIBUTION_DAYS = env.int("AFFILIATES_ATTRIBUTION_DAYS", default=30)
AFFILIATES_COOKIE_NAME = "asoud_ref"
# A click is counted once per visitor (IP) and link within this many seconds.
AFFILIATES_CLICK_WINDOW_SECONDS = env.int("AFFILIATES_CLICK_WINDOW_SECONDS", default=30 * 60)
# The smallest withdrawal a marketer may request, in Rials (1,000,000 Rials = 100,000 Toman).
AFFILIATES_MIN_WITHDRAWAL = env.int("AFFILIATES_MIN_WITHDRAWAL", default=1_000_000)

# The index is kept fresh by per-product tasks; a nightly rebuild repairs anything a hook missed.
CELERY_BEAT_SCHEDULE["marketplace-rebuild"] = {"task": "marketplace.rebuild", "schedule": 24 * 60 * 60.0}
