"""The beat-scheduled flush really runs on a Celery worker and writes into the market's schema."""

import time
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django_tenants.utils import schema_context, tenant_context

from storefront.analytics.tasks import events_flush_task
from storefront.analytics.tracking import track
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db


def _events(query: str) -> int:
    from storefront.analytics.models import Event

    with schema_context("alpha"):
        return Event.objects.filter(query=query).count()


def _cleanup(query: str) -> None:
    from storefront.analytics.models import Event, VisitSession

    with schema_context("alpha"):
        sessions = list(Event.objects.filter(query=query).values_list("session_key", flat=True))
        Event.objects.filter(session_key__in=sessions).delete()
        VisitSession.objects.filter(session_key__in=sessions).delete()


def test_a_real_worker_flushes_buffered_events_into_the_market(celery_worker_process, market_alpha):
    from django.contrib.auth.models import AnonymousUser

    query = f"worker-{uuid.uuid4().hex[:8]}"
    request = RequestFactory().get("/search/", HTTP_HOST="alpha.localhost", HTTP_USER_AGENT="Mozilla/5.0 (X11)")
    request.user = AnonymousUser()
    with tenant_context(market_alpha):
        track(request, "search", query=query, result_count=0)
    connection.set_schema_to_public()
    try:
        events_flush_task.delay()
        deadline = time.monotonic() + 30
        while committed(_events, query) == 0:
            assert time.monotonic() < deadline, "the worker did not flush the event"
            time.sleep(0.3)
        assert committed(_events, query) == 1
    finally:
        committed(_cleanup, query)
