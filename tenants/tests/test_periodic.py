"""Periodic jobs visit only markets where something happened (asoud/core/dirty_markets.py,
tenants/periodic.py), every market once per full-visit period, and every market when Redis is down."""

import time
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django_tenants.utils import tenant_context

from asoud.core.dirty_markets import (
    JOBS,
    dirty_peek,
    dirty_take,
    full_visit_forget,
    market_mark_dirty,
)
from asoud.core.redis import get_redis
from storefront.analytics.services import events_flush_all
from storefront.analytics.tasks import events_flush_task, rollup_task
from storefront.analytics.tracking import track
from storefront.catalog.services import product_update
from storefront.catalog.tests.factories import ProductFactory
from storefront.orders.tests.helpers import committed
from tenants.periodic import market_list_due
from tenants.selectors import market_list_real

pytestmark = pytest.mark.django_db

HOUR = 60 * 60


@pytest.fixture
def periods(settings):
    """A full visit at most once an hour (the suite's settings visit every market on every run);
    each job starts from a clean slate with its full visit due."""
    settings.ASOUD_PERIODIC_FULL_VISIT = dict.fromkeys(JOBS, HOUR)
    for job in JOBS:
        full_visit_forget(job)
        dirty_take(job)
    yield
    for job in JOBS:
        full_visit_forget(job)
        dirty_take(job)


def _slugs(markets) -> set[str]:
    return set(markets.values_list("slug", flat=True))


def test_after_a_full_visit_only_marked_markets_are_visited_once(periods, market_alpha, market_beta):
    every = _slugs(market_list_real())
    assert {"alpha", "beta"} <= every
    assert _slugs(market_list_due(job="rollup")) == every  # the first run of the period visits them all
    assert _slugs(market_list_due(job="rollup")) == set()  # nothing happened since: nothing to visit

    market_mark_dirty(market_beta.schema_name)
    assert _slugs(market_list_due(job="rollup")) == {"beta"}
    assert _slugs(market_list_due(job="rollup")) == set()  # read and cleared
    # Each job has its own marks: the fraud scan still has beta to visit (after its own full visit).
    assert _slugs(market_list_due(job="fraud")) == every
    market_mark_dirty(market_alpha.schema_name)
    assert _slugs(market_list_due(job="fraud")) == {"alpha"}

    full_visit_forget("rollup")  # the period is over
    assert _slugs(market_list_due(job="rollup")) == every


def test_a_product_change_marks_its_market(periods, market_beta):
    with tenant_context(market_beta):
        product = ProductFactory(title="Periodic kettle", slug=f"periodic-{uuid.uuid4().hex[:6]}")
        dirty_take("marketplace")
        product_update(product=product, title="Periodic kettle, blue")
    connection.set_schema_to_public()
    assert dirty_peek("marketplace") == {market_beta.schema_name}


def test_without_redis_every_market_is_visited_and_marking_does_not_fail(periods, settings, market_beta):
    working_url = settings.REDIS_URL
    get_redis.cache_clear()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    try:
        market_mark_dirty(market_beta.schema_name)  # logged, never raised: the write it follows stands
        assert _slugs(market_list_due(job="rollup")) == _slugs(market_list_real())
        assert _slugs(market_list_due(job="rollup")) == _slugs(market_list_real())
    finally:
        settings.REDIS_URL = working_url
        get_redis.cache_clear()


def _events(market, query: str) -> int:
    from storefront.analytics.models import Event

    with tenant_context(market):
        return Event.objects.filter(query=query).count()


def _events_delete(market, query: str) -> None:
    from storefront.analytics.models import Event, VisitSession

    with tenant_context(market):
        sessions = list(Event.objects.filter(query=query).values_list("session_key", flat=True))
        Event.objects.filter(session_key__in=sessions).delete()
        VisitSession.objects.filter(session_key__in=sessions).delete()


def test_events_flushed_by_a_real_worker_send_the_roll_up_to_that_market_only(
    periods, celery_worker_process, market_alpha, market_beta
):
    events_flush_all()  # whatever earlier tests left buffered, so the worker flushes only this event
    connection.set_schema_to_public()
    assert _slugs(market_list_due(job="rollup")) >= {"alpha", "beta"}  # this period's full visit
    query = f"periodic-{uuid.uuid4().hex[:8]}"
    request = RequestFactory().get("/search/", HTTP_HOST="alpha.localhost", HTTP_USER_AGENT="Mozilla/5.0 (X11)")
    request.user = AnonymousUser()
    with tenant_context(market_alpha):
        track(request, "search", query=query, result_count=0)
    connection.set_schema_to_public()
    try:
        events_flush_task.delay()
        deadline = time.monotonic() + 30
        while market_alpha.schema_name not in dirty_peek("rollup"):
            assert time.monotonic() < deadline, "the worker's flush did not mark the market"
            time.sleep(0.3)
        assert committed(_events, market_alpha, query) == 1
        visited = rollup_task.apply().get()  # the hourly roll-up, as beat runs it
        assert set(visited) == {market_alpha.schema_name}
        assert rollup_task.apply().get() == {}  # an hour with nothing new costs nothing
    finally:
        committed(_events_delete, market_alpha, query)
