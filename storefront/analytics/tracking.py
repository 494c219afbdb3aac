"""`track(request, event, **props)`: record a behaviour event without touching the database.

The event is a compact JSON object pushed onto a Redis list per market schema, and the schema is
added to a set of markets with pending events, in one pipelined round trip. `analytics.events_flush`
moves them into the market's tables. Redis being down never breaks a page: the event is dropped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import connection

from asoud.affiliates.services import COOKIE_SALT
from asoud.core.http import client_ip
from asoud.core.redis import get_redis

from . import live
from .keys import key_prefix
from .models import Event

logger = logging.getLogger(__name__)

KINDS = frozenset(Event.Kind.values)
# Short keys keep the Redis lists small: the flusher maps them back.
PROPS = {"product_id": "pi", "order_id": "oi", "quantity": "qt", "query": "q", "result_count": "rc"}

_BOT = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|curl|wget|python-requests|headless", re.I)
_TABLET = re.compile(r"ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))", re.I)
_MOBILE = re.compile(r"mobi|iphone|ipod|android|blackberry|opera mini|iemobile", re.I)


def device_class(user_agent: str) -> str:
    """mobile / tablet / desktop / bot, from a User-Agent header (an empty one is a bot)."""
    if not user_agent or _BOT.search(user_agent):
        return "bot"
    if _TABLET.search(user_agent):
        return "tablet"
    if _MOBILE.search(user_agent):
        return "mobile"
    return "desktop"


def events_key(schema: str) -> str:
    return f"{key_prefix()}events:{schema}"


def pending_key() -> str:
    return f"{key_prefix()}pending"


def visitor_key(request) -> str:
    """The session key, or (no session yet: creating one would be a write) a hash of IP, browser and day."""
    session = getattr(request, "session", None)
    key = session.session_key if session is not None else None
    if key:
        return key
    meta = request.META
    raw = f"{client_ip(request) or ''}|{meta.get('HTTP_USER_AGENT', '')}|{time.strftime('%Y%m%d')}"
    return "v-" + hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()


def _external_referrer(request) -> str:
    referrer = request.META.get("HTTP_REFERER", "")
    if not referrer:
        return ""
    host = (urlsplit(referrer).hostname or "")[:200]
    return "" if host == request.META.get("HTTP_HOST", "").split(":")[0] else host


def _marketer_click(request) -> int | None:
    """The affiliate click behind the attribution cookie (its marketer is looked up at flush time)."""

    cookie = request.COOKIES.get(getattr(settings, "AFFILIATES_COOKIE_NAME", "asoud_ref"))
    if not cookie:
        return None
    try:
        value = signing.loads(cookie, salt=COOKIE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def event_payload(request, event: str, props: dict) -> dict:
    user = getattr(request, "user", None)
    payload = {
        "k": event,
        "t": round(time.time(), 3),
        "s": visitor_key(request),
        "u": user.pk if user is not None and user.is_authenticated else None,
        "p": request.path[:300],
        "r": _external_referrer(request),
        "m": _marketer_click(request),
        "d": device_class(request.META.get("HTTP_USER_AGENT", "")),
    }
    for name, value in props.items():
        if name not in PROPS:
            raise TypeError(f"track() got an unknown property {name!r}")
        payload[PROPS[name]] = value
    return payload


def track(request, event: str, **props) -> None:
    """Record `event` ("product_view", "search", …) with `product_id`, `order_id`, `quantity`, `query`,
    `result_count` as they apply. No database query; one Redis round trip; never raises for Redis."""
    if event not in KINDS:
        raise ValueError(f"unknown analytics event {event!r}")
    if not settings.ANALYTICS_TRACKING_ENABLED:
        return
    schema = connection.schema_name
    if not schema or schema == "public":
        return
    replay = getattr(request, "tracked_events", None)
    if replay is not None:  # the page cache records them again for each visitor it serves the page to
        replay.append((event, props))
    event_push(schema=schema, payloads=[event_payload(request, event, props)], live_now=True)


def event_push(*, schema: str, payloads: list[dict], live_now: bool = False) -> None:
    """Append events to a market's buffer (also used by the traffic seeder with past timestamps).
    `live_now`: the events are happening now, so the live dashboard counts them too (same round trip)."""
    try:
        pipe = get_redis().pipeline(transaction=False)
        pipe.rpush(events_key(schema), *[json.dumps(p, separators=(",", ":"), ensure_ascii=False) for p in payloads])
        pipe.sadd(pending_key(), schema)
        watch_checked = False
        if live_now:
            for payload in payloads:
                watch_checked = live.pipeline_track(pipe, schema=schema, payload=payload)
        results = pipe.execute()
    except Exception:
        logger.warning("analytics: could not buffer %s event(s) for %s", len(payloads), schema, exc_info=True)
        return
    if watch_checked and results[-1]:
        live.changed_push(schema=schema, kind=payloads[-1]["k"])
