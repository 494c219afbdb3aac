"""The live owner dashboard (`ws/analytics/dashboard/`): what moves it and what it shows.

Pushes say only "something changed" (and what kind); the page then re-fetches its own htmx fragments,
so a live figure is always the figure a reload shows. Three things feed it, all in Redis so that no
storefront request writes to the database:

- visitors: `track()` records each visitor's last moment in a sorted set per market (the same
  pipelined round trip that buffers the event), counted over the last VISITOR_MINUTES;
- the feed: searches and cart additions (`track()`) and new orders (an `Order` post-save signal the
  analytics app listens to, sent after commit) are kept as the market's last FEED_LENGTH items;
- the push: a channel-layer group per market, sent to only while a dashboard is watching (consumers
  keep a short-lived "watching" key alive), so an unwatched shop pays one EXISTS per order at most.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from asoud.core.redis import get_redis
from storefront.catalog.models import Product
from storefront.orders.models import Order
from storefront.orders.selectors import SALE

from .keys import key_prefix

logger = logging.getLogger(__name__)

VISITOR_MINUTES = 5
FEED_LENGTH = 20
WATCH_SECONDS = 90  # a watching dashboard pings every 30 s
# Orders join the feed from their post-save signal (every way of ordering), not from `track()`.
FEED_KINDS = frozenset({"search", "add_to_cart"})


def live_group(schema: str) -> str:
    return f"analytics.live.{schema}"


def visitors_key(schema: str) -> str:
    return f"{key_prefix()}live:visitors:{schema}"


def feed_key(schema: str) -> str:
    return f"{key_prefix()}live:feed:{schema}"


def watch_key(schema: str) -> str:
    return f"{key_prefix()}live:watching:{schema}"


def watch_mark(schema: str) -> None:
    """A dashboard is open on this market (called by the consumer on connect and on each ping)."""
    get_redis().set(watch_key(schema), 1, ex=WATCH_SECONDS)


def pipeline_track(pipe, *, schema: str, payload: dict) -> bool:
    """Add the live side of one tracked event to `track()`'s pipeline. True when the last command
    queued is the "is anyone watching" check (so the caller knows to look at its result)."""
    now = payload["t"]
    if payload.get("d") != "bot":
        pipe.zadd(visitors_key(schema), {payload["s"]: now})
        pipe.zremrangebyscore(visitors_key(schema), "-inf", now - VISITOR_MINUTES * 60)
        pipe.expire(visitors_key(schema), VISITOR_MINUTES * 60 * 2)
    if payload["k"] not in FEED_KINDS:
        return False
    item = {"k": payload["k"], "t": now}
    for short in ("pi", "qt", "q", "rc"):
        if short in payload:
            item[short] = payload[short]
    _feed_add(pipe, schema, item)
    pipe.exists(watch_key(schema))
    return True


def _feed_add(pipe, schema: str, item: dict) -> None:
    pipe.lpush(feed_key(schema), json.dumps(item, separators=(",", ":"), ensure_ascii=False))
    pipe.ltrim(feed_key(schema), 0, FEED_LENGTH - 1)
    pipe.expire(feed_key(schema), 2 * 24 * 3600)


def changed_push(*, schema: str, kind: str) -> None:
    """Tell the market's open dashboards that `kind` happened. Never breaks the caller."""
    try:
        async_to_sync(get_channel_layer().group_send)(live_group(schema), {"type": "live.changed", "kind": kind})
    except Exception:
        logger.warning("analytics: live push to %s failed", schema, exc_info=True)


def order_saved(*, schema: str, order_id: int, number: str, total: int, created: bool) -> None:
    """After an order of `schema` was committed: a new one joins the feed; any change (a payment, a
    cancellation) may move today's figures, so open dashboards are told."""
    try:
        pipe = get_redis().pipeline(transaction=False)
        if created:
            _feed_add(pipe, schema, {"k": "order_placed", "t": round(time.time(), 3), "oi": order_id, "n": number,
                                     "a": total})  # fmt: skip
        pipe.exists(watch_key(schema))
        watched = pipe.execute()[-1]
    except Exception:
        logger.warning("analytics: live feed of %s unavailable", schema, exc_info=True)
        return
    if watched:
        changed_push(schema=schema, kind="order_placed" if created else "order_changed")


def on_order_saved(sender, instance, created: bool, **kwargs) -> None:
    """`post_save` of storefront.orders.Order (connected in AnalyticsConfig.ready)."""
    schema = connection.schema_name
    if not schema or schema == "public":
        return
    # Read at commit time: the number is given after the first save, in the same transaction.
    transaction.on_commit(
        lambda: order_saved(
            schema=schema, order_id=instance.pk, number=instance.number or "", total=instance.total, created=created
        )
    )


# --- Reads (the panel's figures) ----------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    kind: str
    at: datetime.datetime
    product_id: int | None = None
    product_title: str = ""
    quantity: int | None = None
    query: str = ""
    result_count: int | None = None
    order_number: str = ""
    amount: int | None = None


def visitors_recent(*, schema: str, minutes: int = VISITOR_MINUTES) -> int:
    """Distinct visitors (bots aside) seen in the last `minutes` minutes; 0 when Redis is away."""
    try:
        return int(get_redis().zcount(visitors_key(schema), time.time() - minutes * 60, "+inf"))
    except Exception:
        logger.warning("analytics: live visitors of %s unavailable", schema, exc_info=True)
        return 0


def feed_list(*, schema: str, titles) -> list[FeedItem]:
    """The market's latest searches, cart additions and orders, newest first. `titles(ids)` maps
    product ids to titles (one query for the whole feed)."""
    try:
        raw = get_redis().lrange(feed_key(schema), 0, FEED_LENGTH - 1)
    except Exception:
        logger.warning("analytics: live feed of %s unavailable", schema, exc_info=True)
        return []
    rows = []
    for entry in raw:
        try:
            rows.append(json.loads(entry))
        except ValueError:
            continue
    names = titles({row["pi"] for row in rows if isinstance(row.get("pi"), int)})
    return [
        FeedItem(
            kind=row.get("k", ""),
            at=datetime.datetime.fromtimestamp(float(row.get("t", 0)), tz=datetime.UTC).astimezone(
                timezone.get_current_timezone()
            ),
            product_id=row.get("pi"),
            product_title=names.get(row.get("pi"), ""),
            quantity=row.get("qt"),
            query=str(row.get("q", "")),
            result_count=row.get("rc"),
            order_number=str(row.get("n", "")),
            amount=row.get("a"),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class LiveFigures:
    visitors: int  # in the last VISITOR_MINUTES
    orders_today: int
    sales_today: int  # Rials
    feed: list[FeedItem]


def live_figures(*, schema: str) -> LiveFigures:
    """The live panel: counted exactly as the overview counts today's sales (the same SALE filter)."""

    today_start = datetime.datetime.combine(
        timezone.localdate(), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    totals = Order.objects.order_by().aggregate(
        sales=Sum("total", filter=SALE & Q(created_at__gte=today_start), default=0),
        orders=Count("id", filter=SALE & Q(created_at__gte=today_start)),
    )

    def titles(ids: set[int]) -> dict[int, str]:
        return dict(Product.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}

    return LiveFigures(
        visitors=visitors_recent(schema=schema),
        orders_today=totals["orders"],
        sales_today=totals["sales"],
        feed=feed_list(schema=schema, titles=titles),
    )
