"""Moving buffered events from Redis into the market's tables, and deriving visits from them."""

from __future__ import annotations

import datetime
import json
import logging
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from asoud.affiliates.models import Click
from asoud.core.redis import get_redis
from tenants.models import Market

from ..models import Event, VisitSession
from ..tracking import PROPS, events_key, pending_key
from .rollup import rollup_day

logger = logging.getLogger(__name__)

PAGE_KINDS = {Event.Kind.PAGE_VIEW, Event.Kind.PRODUCT_VIEW, Event.Kind.SEARCH}
CONVERSION_KINDS = {Event.Kind.ORDER_PLACED, Event.Kind.ORDER_PAID}
_FIELDS = {short: name for name, short in PROPS.items()}


def pending_schemas() -> list[str]:
    """Markets with buffered events (only these are visited by the flusher)."""
    return sorted(member.decode() for member in get_redis().smembers(pending_key()))


def _take_batch(schema: str, size: int) -> list[bytes]:
    """Atomically take up to `size` events off the front of the market's list."""
    pipe = get_redis().pipeline(transaction=True)
    pipe.lrange(events_key(schema), 0, size - 1)
    pipe.ltrim(events_key(schema), size, -1)
    raw, _trimmed = pipe.execute()
    return raw


def _unmark_if_empty(schema: str) -> None:
    client = get_redis()
    client.srem(pending_key(), schema)
    if client.llen(events_key(schema)):  # an event arrived meanwhile: keep the market pending
        client.sadd(pending_key(), schema)


def _event_from(raw: bytes) -> Event | None:
    try:
        data = json.loads(raw)
        event = Event(
            kind=data["k"],
            created_at=datetime.datetime.fromtimestamp(data["t"], tz=datetime.UTC),
            session_key=str(data["s"])[:48],
            user_id=data.get("u"),
            path=(data.get("p") or "")[:300],
            referrer=(data.get("r") or "")[:200],
            device=data.get("d") or "desktop",
        )
        for short, name in _FIELDS.items():
            if data.get(short) is not None:
                setattr(event, name, data[short])
        event.query = (event.query or "")[:100]
        event.marketer_click = data.get("m")
        return event if event.kind in Event.Kind.values else None
    except (ValueError, KeyError, TypeError):
        logger.warning("analytics: dropped a malformed event %r", raw[:200])
        return None


def _marketer_handles(click_ids: set[int]) -> dict[int, str]:
    """Affiliate clicks (public schema) → marketer handle, for this market only, in one query."""
    if not click_ids:
        return {}

    rows = Click.objects.filter(pk__in=click_ids, market__schema_name=connection.schema_name)
    return dict(rows.values_list("pk", "link__marketer__handle"))


def events_flush_market(
    *, schema: str, batch_size: int | None = None, max_batches: int | None = None, market_id: int | None = None
) -> int:
    """Flush one market's buffer (call inside that market's schema). Returns the number of events stored.

    With `market_id`, a batch holding an order (placed or paid) also rolls up today again, so the
    staff figures (read from the public roll-up) follow the orders within one flush."""
    batch_size = batch_size or settings.ANALYTICS_FLUSH_BATCH
    max_batches = max_batches or settings.ANALYTICS_FLUSH_MAX_BATCHES
    stored, ordered = 0, False
    for _round in range(max_batches):
        raw = _take_batch(schema, batch_size)
        if not raw:
            break
        events = [event for event in map(_event_from, raw) if event is not None]
        ordered = ordered or any(event.kind in CONVERSION_KINDS for event in events)
        stored += events_store(events=events)
        if len(raw) < batch_size:
            break
    _unmark_if_empty(schema)
    if ordered and market_id is not None:
        rollup_day(day=timezone.localdate(), market_id=market_id)
    return stored


@transaction.atomic
def events_store(*, events: list[Event]) -> int:
    """bulk_create the events and extend or open the visits they belong to."""
    if not events:
        return 0
    handles = _marketer_handles({e.marketer_click for e in events if e.marketer_click})
    for event in events:
        event.marketer = handles.get(event.marketer_click, event.marketer or "")
    events.sort(key=lambda e: e.created_at)
    Event.objects.bulk_create(events, batch_size=1000)
    visits_update(events=events)
    return len(events)


def visits_update(*, events: list[Event]) -> None:
    """Sessions: a visitor's events with gaps shorter than ANALYTICS_SESSION_GAP_MINUTES form one visit."""
    gap = datetime.timedelta(minutes=settings.ANALYTICS_SESSION_GAP_MINUTES)
    by_visitor: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_visitor[event.session_key].append(event)
    latest = {}
    for visit in VisitSession.objects.filter(session_key__in=by_visitor).order_by("session_key", "-ended_at"):
        latest.setdefault(visit.session_key, visit)
    touched, created = {}, []
    for key, visitor_events in by_visitor.items():
        visit = latest.get(key)
        for event in visitor_events:
            if visit is None or event.created_at - visit.ended_at > gap:
                visit = VisitSession(
                    session_key=key, started_at=event.created_at, ended_at=event.created_at, device=event.device,
                    referrer=event.referrer, marketer=event.marketer,
                )  # fmt: skip
                created.append(visit)
            visit.ended_at = max(visit.ended_at, event.created_at)
            visit.page_count += event.kind in PAGE_KINDS
            visit.converted |= event.kind in CONVERSION_KINDS
            visit.user_id = visit.user_id or event.user_id
            visit.marketer = visit.marketer or event.marketer
            if visit.pk:
                touched[visit.pk] = visit
    VisitSession.objects.bulk_create(created, batch_size=1000)
    fields = ["ended_at", "page_count", "converted", "user_id", "marketer"]
    VisitSession.objects.bulk_update(list(touched.values()), fields, batch_size=1000)


def events_flush_all() -> dict[str, int]:
    """Every market with pending events (from the Redis set, never a scan of all schemas)."""

    schemas = pending_schemas()
    known = dict(Market.objects.filter(schema_name__in=schemas).values_list("schema_name", "pk"))
    result = {}
    for schema in schemas:
        if schema not in known:  # a deleted market: drop its buffer
            get_redis().delete(events_key(schema))
            get_redis().srem(pending_key(), schema)
            continue
        with schema_context(schema):
            result[schema] = events_flush_market(schema=schema, market_id=known[schema])
    connection.set_schema_to_public()
    return result
