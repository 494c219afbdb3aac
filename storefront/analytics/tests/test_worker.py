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


def _planted_gifts(market) -> list[int]:
    import datetime

    from django.utils import timezone

    from storefront.analytics.models import ProductDaily
    from storefront.analytics.synthetic import price_history

    from .factories import category_make, product_make

    with tenant_context(market):
        category = category_make(f"Worker gifts {uuid.uuid4().hex[:6]}")
        today, ids = timezone.localdate(), []
        for index, truth in enumerate(
            p for p in price_history(products_per_category=2, seed=3) if p.category == "gifts"
        ):
            product = product_make(f"Worker gift {index}", price=truth.reference, category=category)
            ProductDaily.objects.bulk_create(
                ProductDaily(day=today - datetime.timedelta(days=len(truth.days) - n), product_id=product.pk,
                             views=d.views, orders=d.orders, units=d.orders, price=d.price)
                for n, d in enumerate(truth.days)
            )  # fmt: skip
            ids.append(product.pk)
    return ids


def _suggested(market, ids: list[int]) -> list[tuple[int, int, str]]:
    from storefront.analytics.models import PriceSuggestion
    from storefront.catalog.models import Product

    with tenant_context(market):
        prices = dict(Product.objects.filter(pk__in=ids).values_list("pk", "price_main"))
        return [(prices[pk], price, status) for pk, price, status in
                PriceSuggestion.objects.filter(product_id__in=ids).values_list("product_id", "suggested_price", "status")]  # fmt: skip


def _remove_planted(market, ids: list[int]) -> None:
    from storefront.analytics.models import PriceSuggestion, ProductDaily
    from storefront.catalog.models import Category, Product, StockMovement

    with tenant_context(market):
        categories = list(Product.objects.filter(pk__in=ids).values_list("category_id", flat=True))
        PriceSuggestion.objects.filter(product_id__in=ids).delete()
        ProductDaily.objects.filter(product_id__in=ids).delete()
        StockMovement.objects.filter(product_id__in=ids).delete()
        Product.objects.filter(pk__in=ids).delete()
        Category.objects.filter(pk__in=categories).delete()


def test_the_nightly_price_suggestions_run_on_a_real_worker(celery_worker_process, market_alpha):
    from storefront.analytics.tasks import price_suggestions_task

    ids = committed(_planted_gifts, market_alpha)
    connection.set_schema_to_public()
    try:
        price_suggestions_task.delay()
        deadline = time.monotonic() + 60
        while len(committed(_suggested, market_alpha, ids)) < len(ids):
            assert time.monotonic() < deadline, "the worker made no suggestions"
            time.sleep(0.5)
        for current, suggested, status in committed(_suggested, market_alpha, ids):
            assert status == "open" and suggested < current  # gift shoppers care: a lower price, not applied
    finally:
        committed(_remove_planted, market_alpha, ids)
