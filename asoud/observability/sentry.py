"""Error tracking with Sentry: started from the settings when SENTRY_DSN is set.

Tags: market_schema, user_id, request_id (set by the middleware) and task_id (Celery). No personal
data leaves: send_default_pii is off, and `scrub_event` removes cookies, authorization headers,
mobile numbers and national codes from everything the event carries (messages, variables, breadcrumbs).
"""

import re

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.redis import RedisIntegration

FILTERED = "[Filtered]"
# Iranian mobile numbers in every spelling the site accepts (+989…, 989…, 09…, with separators).
_MOBILE = re.compile(r"(?<!\d)(?:\+?98|0)?[\s-]?9\d{2}[\s-]?\d{3}[\s-]?\d{4}(?!\d)")
# National codes (10 digits) and any other long run of digits: cards, IBAN bodies.
_LONG_DIGITS = re.compile(r"(?<!\d)\d{10,}(?!\d)")
_SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "x-csrftoken", "proxy-authorization"}


def sentry_init(*, dsn: str, environment: str = "production", release: str | None = None, traces_sample_rate=0.0):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(), CeleryIntegration(), RedisIntegration()],
        before_send=scrub_event,
        before_breadcrumb=lambda crumb, hint: _scrub(crumb),
    )


def scrub_event(event: dict, hint) -> dict:
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            for name in list(headers):
                if name.lower() in _SECRET_HEADERS:
                    headers[name] = FILTERED
        request.pop("data", None)  # form bodies carry mobile numbers, codes and addresses
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return _scrub(event)


def _scrub(value):
    if isinstance(value, str):
        return _LONG_DIGITS.sub(FILTERED, _MOBILE.sub(FILTERED, value))
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value
