"""track() → Redis buffer → flush: events and visits, with no database work during the request."""

import datetime
import json

from django.test import RequestFactory
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.core.redis import get_redis
from storefront.analytics.models import Event, VisitSession
from storefront.analytics.services import events_flush_all, events_store, pending_schemas
from storefront.analytics.tracking import device_class, events_key, track

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
IPAD = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def _request(path="/", ua=DESKTOP, ip="10.0.0.1", referrer=""):
    request = RequestFactory().get(path, HTTP_HOST="alpha.localhost", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip,
                                   HTTP_REFERER=referrer)  # fmt: skip
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def test_device_classes():
    assert device_class(IPHONE) == "mobile"
    assert device_class(IPAD) == "tablet"
    assert device_class(ANDROID_TABLET) == "tablet"
    assert device_class(DESKTOP) == "desktop"
    assert device_class("Googlebot/2.1 (+http://www.google.com/bot.html)") == "bot"
    assert device_class("") == "bot"


def test_track_buffers_in_redis_without_touching_the_database(market_alpha, django_assert_num_queries):
    with tenant_context(market_alpha):
        request = _request("/p/kettle/", ua=IPHONE, referrer="https://www.google.com/search?q=kettle")
        with django_assert_num_queries(0):
            track(request, "product_view", product_id=7)
            track(_request("/search/?q=tea"), "search", query="Tea", result_count=0)
    raw = get_redis().lrange(events_key("alpha"), 0, -1)
    assert len(raw) == 2
    first = json.loads(raw[0])
    assert first["k"] == "product_view" and first["pi"] == 7 and first["d"] == "mobile"
    assert first["r"] == "www.google.com" and first["p"] == "/p/kettle/" and first["u"] is None
    assert pending_schemas() == ["alpha"]


def test_track_is_off_with_the_setting(market_alpha, settings):
    settings.ANALYTICS_TRACKING_ENABLED = False
    with tenant_context(market_alpha):
        track(_request(), "page_view")
    assert get_redis().llen(events_key("alpha")) == 0


def test_unknown_event_is_a_programming_error(market_alpha):
    import pytest

    with tenant_context(market_alpha), pytest.raises(ValueError):
        track(_request(), "page_viewed")


def test_flush_stores_events_and_derives_visits(market_alpha):
    with tenant_context(market_alpha):
        for path, kind, props in [
            ("/", "page_view", {}),
            ("/p/kettle/", "product_view", {"product_id": 5}),
            ("/cart/add/", "add_to_cart", {"product_id": 5, "quantity": 2}),
        ]:
            track(_request(path, ip="10.0.0.1"), kind, **props)
        track(_request("/", ip="10.0.0.2", ua=IPHONE), "page_view")
    flushed = events_flush_all()
    assert flushed == {"alpha": 4}
    assert get_redis().llen(events_key("alpha")) == 0
    assert pending_schemas() == []
    with tenant_context(market_alpha):
        assert Event.objects.count() == 4
        cart = Event.objects.get(kind="add_to_cart")
        assert (cart.product_id, cart.quantity, cart.device) == (5, 2, "desktop")
        visits = list(VisitSession.objects.order_by("page_count"))
        assert [(v.page_count, v.device, v.converted) for v in visits] == [(1, "mobile", False), (2, "desktop", False)]


def test_visits_split_after_30_minutes_and_mark_conversion(market_alpha):
    start = timezone.now() - datetime.timedelta(hours=5)
    minutes = datetime.timedelta(minutes=1)
    with tenant_context(market_alpha):
        from .factories import events_make

        events_make([("page_view", "s1", start), ("product_view", "s1", start + 10 * minutes)])
        # Later flushes extend the open visit, or open a new one after a 30-minute gap.
        events_make([("checkout_started", "s1", start + 25 * minutes), ("order_placed", "s1", start + 30 * minutes)])
        events_make([("page_view", "s1", start + 120 * minutes)])
        visits = list(VisitSession.objects.filter(session_key="s1").order_by("started_at"))
        assert [(v.page_count, v.converted) for v in visits] == [(2, True), (1, False)]
        assert visits[0].ended_at == start + 30 * minutes
        assert events_store(events=[]) == 0
