"""The Redis key prefix of the analytics app (kept apart for each test run)."""

from django.conf import settings


def key_prefix() -> str:
    run = getattr(settings, "TEST_RUN_ID", "")
    return f"analytics:{run}:" if run else "analytics:"
