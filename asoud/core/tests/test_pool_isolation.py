"""Pooled database connections never carry one market's schema into another market's work.

django-tenants issues `SET search_path` per connection and (TENANT_LIMIT_SET_CALLS) remembers the
path it set. With Django's psycopg pool a physical connection outlives the request: these tests
squeeze the pool to ONE connection, so every request, consumer call and task below is served by the
very connection the other market's work just used. The data is committed (not inside a test
transaction), because only then does each request really hand the connection back to the pool.
"""

import asyncio
import threading
import time

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.db import close_old_connections, connection
from django.test import Client
from django_tenants.utils import schema_context, tenant_context

PROBE_SLUG = "pool-probe"
TITLES = {"alpha": "Alpha-only saffron", "beta": "Beta-only pistachio"}
HOSTS = {"alpha": "alpha.localhost", "beta": "beta.localhost"}


@pytest.fixture(scope="module")
def probe_products(django_db_setup, django_db_blocker):
    """The same slug in both markets, with a different title in each (committed)."""
    from asoud.marketplace.models import Listing
    from storefront.catalog.models import Product
    from storefront.catalog.services import product_create
    from tenants.models import Market

    ids = {}
    with django_db_blocker.unblock():
        for slug, title in TITLES.items():
            market = Market.objects.get(slug=slug)
            with tenant_context(market):
                Product.objects.filter(slug=PROBE_SLUG).delete()
                ids[slug] = product_create(title=title, slug=PROBE_SLUG, price_main=1_000_000).pk
        connection.set_schema_to_public()
    yield ids
    with django_db_blocker.unblock():
        for slug in TITLES:
            with schema_context(slug):
                Product.objects.filter(slug=PROBE_SLUG).delete()
        Listing.objects.filter(slug=PROBE_SLUG).delete()
        connection.set_schema_to_public()


def in_own_thread(fn, /, *args):
    """Run `fn` on a thread of its own: a database connection of its own, outside the test's
    transaction, handed back to the pool whenever `fn` closes it (as a server does per request)."""
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = fn(*args)
        except BaseException as error:  # re-raised in the test below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


@pytest.fixture
def one_connection_pool(db):
    """A pool of ONE connection for the test's threads (the test's own transaction keeps its
    connection from the regular pool, which is put back afterwards)."""
    pools = connection._connection_pools  # one dict for the class: every thread shares the pool
    options = connection.settings_dict["OPTIONS"]
    saved_options, saved_pool = options["pool"], pools.pop(connection.alias)
    options["pool"] = {**saved_options, "min_size": 1, "max_size": 1}
    yield
    small = pools.pop(connection.alias, None)
    if small is not None:
        small.close()
    pools[connection.alias] = saved_pool
    options["pool"] = saved_options


@pytest.mark.django_db
def test_connections_are_pooled_per_process():
    assert connection.settings_dict["CONN_MAX_AGE"] == 0
    assert connection.pool is not None
    assert connection.settings_dict["OPTIONS"]["pool"]["max_size"] >= 1


def _alternate_market_requests() -> list[tuple[str, int, int, str]]:
    client = Client()
    seen = []
    for _ in range(5):
        for market in ("alpha", "beta"):
            response = client.get(f"/p/{PROBE_SLUG}/", HTTP_HOST=HOSTS[market])
            backend = connection.connection.info.backend_pid
            # The test client keeps the connection across requests; the server doesn't: its
            # request_finished signal hands the connection back to the pool, as here.
            close_old_connections()
            seen.append((market, backend, response.status_code, response.content.decode()))
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("limit_set_calls", [True, False])
def test_one_pooled_connection_serves_alternating_market_requests(
    probe_products, one_connection_pool, settings, limit_set_calls
):
    settings.TENANT_LIMIT_SET_CALLS = limit_set_calls
    settings.ASOUD_PAGE_CACHE = False  # every request must read the database
    seen = in_own_thread(_alternate_market_requests)
    assert len({backend for _, backend, _, _ in seen}) == 1  # one physical connection served both
    for market, _, status, text in seen:
        other = "beta" if market == "alpha" else "alpha"
        assert status == 200
        assert TITLES[market] in text
        assert TITLES[other] not in text


def _search_path_after_an_alpha_request() -> str:
    assert Client().get(f"/p/{PROBE_SLUG}/", HTTP_HOST=HOSTS["alpha"]).status_code == 200
    close_old_connections()
    with connection.pool.connection(timeout=10) as raw:
        return raw.execute("SHOW search_path").fetchone()[0]


@pytest.mark.django_db
def test_a_connection_leaves_the_pool_on_the_public_path(probe_products, one_connection_pool, settings):
    """What a market's request set is reset when the connection comes back, before anyone reuses it."""
    settings.ASOUD_PAGE_CACHE = False
    search_path = in_own_thread(_search_path_after_an_alpha_request)
    assert "alpha" not in search_path
    assert "public" in search_path


def _title_in(schema: str) -> tuple[str, int]:
    from storefront.catalog.models import Product

    with schema_context(schema):
        return Product.objects.get(slug=PROBE_SLUG).title, connection.connection.info.backend_pid


def _consumer_reads() -> list[tuple[str, str, int]]:
    async def read_alternately():
        schemas = ["alpha", "beta"] * 6
        results = await asyncio.gather(*(database_sync_to_async(_title_in)(schema) for schema in schemas))
        return [(schema, title, backend) for schema, (title, backend) in zip(schemas, results, strict=True)]

    return async_to_sync(read_alternately)()


@pytest.mark.django_db
def test_async_consumer_calls_alternate_markets_on_one_connection(probe_products, one_connection_pool, settings):
    """Consumers reach the database through channels' database_sync_to_async, which hands the
    connection back to the pool after every call."""
    settings.TENANT_LIMIT_SET_CALLS = True
    reads = in_own_thread(_consumer_reads)
    assert len({backend for _, _, backend in reads}) == 1
    for schema, title, _ in reads:
        assert title == TITLES[schema]


@pytest.mark.django_db
def test_celery_worker_reads_each_task_from_its_own_market(probe_products, celery_worker_process, django_db_blocker):
    """The real worker (pooled too) indexes the same slug from two markets, task after task."""
    from asoud.celery import app
    from asoud.marketplace.models import Listing
    from asoud.marketplace.tasks import index_product

    deadline = time.monotonic() + 60  # the session's worker may still be starting on a busy machine
    while not app.control.ping(timeout=0.5) and time.monotonic() < deadline:
        pass
    with django_db_blocker.unblock():
        # Committed on a connection of its own: deleted inside the test's transaction, the rows the
        # fixture's own indexing wrote would stay locked and the worker would wait for the test.
        in_own_thread(lambda: Listing.objects.filter(slug=PROBE_SLUG).delete())
        for _ in range(3):
            for schema in ("alpha", "beta"):
                index_product.delay(schema, probe_products[schema])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            rows = dict(Listing.objects.filter(slug=PROBE_SLUG).values_list("market_slug", "title"))
            if len(rows) == 2:
                break
            time.sleep(0.2)
    assert rows == TITLES
