"""/metrics: who may read it, and what it shows after real requests, tasks, orders and sign-ins."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import websockets
from django.test import Client

from asoud.celery import app as celery_app
from asoud.core.tasks import worker_heartbeat
from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_deliver
from storefront.cart.tests.factories import product_make
from storefront.orders.tests.helpers import place

from .helpers import TOKEN, scrape, total, value, wait_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def metrics_token(settings):
    settings.ASOUD_METRICS_TOKEN = TOKEN
    settings.ASOUD_METRICS_ALLOW = []


def test_metrics_are_refused_without_the_token_and_shown_with_it():
    client = Client(HTTP_HOST="localhost")
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong-token").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Token {TOKEN}").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer تو‌kن").status_code == 403  # not ASCII: no 500

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "# TYPE asoud_otp_sends_total counter" in response.text
    assert 'asoud_celery_queue_length{queue="sms"}' in response.text
    # On a market's host too, before the market's own pages and access rules.
    market = Client(HTTP_HOST="alpha.localhost")
    assert market.get("/metrics").status_code == 403
    assert market.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_the_allow_list_admits_scrapers_by_their_own_address_never_by_a_forwarded_one(settings):
    settings.ASOUD_METRICS_ALLOW = ["10.20.0.0/16", "fd00::/8"]
    assert Client(HTTP_HOST="localhost", REMOTE_ADDR="10.20.3.4").get("/metrics").status_code == 200
    assert Client(HTTP_HOST="localhost", REMOTE_ADDR="fd00::5").get("/metrics").status_code == 200
    outsider = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.9")
    assert outsider.get("/metrics").status_code == 403
    assert outsider.get("/metrics", HTTP_X_FORWARDED_FOR="10.20.3.4").status_code == 403


def test_requests_are_counted_by_route_and_status_with_their_time_and_database_time():
    before = scrape()
    platform = Client(HTTP_HOST="localhost")
    for _ in range(3):
        assert platform.get("/").status_code == 200
    assert platform.get("/no-such-page/").status_code == 404
    assert Client(HTTP_HOST="alpha.localhost").get("/products/").status_code == 200

    after = scrape()
    home = {"route": "home", "method": "GET", "status": "200"}
    assert value(after, "asoud_http_requests_total", **home) - value(before, "asoud_http_requests_total", **home) == 3
    missing = {"route": "unmatched", "method": "GET", "status": "404"}
    assert value(after, "asoud_http_requests_total", **missing) > value(before, "asoud_http_requests_total", **missing)
    products = {"route": "storefront:products", "method": "GET", "status": "200"}
    assert (
        value(after, "asoud_http_requests_total", **products)
        == value(before, "asoud_http_requests_total", **products) + 1
    )
    # Routes are pattern names: no raw path ever becomes a label.
    assert not any("no-such-page" in str(labels) for _name, labels in after)
    latency = "asoud_http_request_duration_seconds_count"
    assert value(after, latency, route="home", method="GET") - value(before, latency, route="home", method="GET") == 3
    db = "asoud_db_query_duration_seconds_count"
    assert value(after, db, statement="SELECT") > value(before, db, statement="SELECT")
    cache = "asoud_cache_operation_duration_seconds_count"
    assert total(after, cache) > total(before, cache)


def test_responses_carry_the_request_id_they_were_given_or_a_new_one():
    client = Client(HTTP_HOST="localhost")
    assert client.get("/", HTTP_X_REQUEST_ID="edge-1234abcd")["X-Request-ID"] == "edge-1234abcd"
    generated = client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert generated != "<script>" and len(generated) == 32


def test_a_real_celery_task_is_counted_by_outcome_and_queues_are_measured(celery_worker_process, settings):
    labels = {"task": "core.worker_heartbeat", "outcome": "success"}
    before = value(scrape(), "asoud_celery_tasks_total", **labels)
    worker_heartbeat.delay().get(timeout=30)
    assert wait_for(lambda: value(scrape(), "asoud_celery_tasks_total", **labels) == before + 1)
    duration = value(scrape(), "asoud_celery_task_duration_seconds_count", task="core.worker_heartbeat")
    assert duration >= 1

    # A task that fails in the worker (here: called with arguments it does not take).
    failed = {"task": "core.worker_heartbeat", "outcome": "failure"}
    before = value(scrape(), "asoud_celery_tasks_total", **failed)
    result = celery_app.send_task("core.worker_heartbeat", args=[1, 2, 3])
    with pytest.raises(TypeError):
        result.get(timeout=30)
    assert wait_for(lambda: value(scrape(), "asoud_celery_tasks_total", **failed) == before + 1)

    # A queue no worker reads: its depth is what the broker holds, read when scraped.
    settings.ASOUD_WORKER_QUEUES = [*settings.ASOUD_WORKER_QUEUES, "ops-idle"]
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge("ops-idle")
    try:
        for _ in range(2):
            worker_heartbeat.apply_async(queue="ops-idle")
        samples = scrape()
        assert value(samples, "asoud_celery_queue_length", queue="ops-idle") == 2
        assert value(samples, "asoud_celery_broker_up") == 1
        assert ("asoud_celery_queue_length", frozenset({("queue", "sms")})) in samples
    finally:
        with celery_app.connection_for_write() as connection:
            connection.default_channel.queue_purge("ops-idle")


def test_placing_an_order_counts_it_by_payment_method(shopper, post_method, django_capture_on_commit_callbacks):
    labels = {"payment_method": "cash"}
    before = value(scrape(), "asoud_orders_placed_total", **labels)
    kettle = product_make(title="Steel kettle", price=2_000_000, stock=10)
    with django_capture_on_commit_callbacks(execute=True):
        place(shopper, (kettle, 1), method=post_method, payment="cash")
    assert value(scrape(), "asoud_orders_placed_total", **labels) == before + 1


def test_sign_in_codes_and_sms_deliveries_are_counted(django_capture_on_commit_callbacks):
    before = scrape()
    visitor = Client(HTTP_HOST="localhost", REMOTE_ADDR="10.77.1.2")
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post("/accounts/login/code/", {"phone": "09355550123"})
    assert response.status_code == 302
    message = SmsMessage.objects.filter(recipient="+989355550123").latest("id")
    sms_deliver(message_id=message.pk, can_retry=False)  # what the sms.deliver task runs

    after = scrape()
    assert value(after, "asoud_otp_sends_total") == value(before, "asoud_otp_sends_total") + 1
    sent = {"provider": "outbox", "result": "sent"}
    assert value(after, "asoud_sms_total", **sent) == value(before, "asoud_sms_total", **sent) + 1


def test_open_websockets_are_a_gauge_of_the_live_server(live_server_url):
    port = urlsplit(live_server_url).port
    gauge = "asoud_websocket_connections"
    before = value(scrape(), gauge)

    async def ping_while_connected():
        async with websockets.connect(
            f"ws://alpha.localhost:{port}/ws/ping/", origin=f"http://alpha.localhost:{port}", host="127.0.0.1"
        ) as socket:
            await socket.send(json.dumps({"ping": 1}))
            assert json.loads(await socket.recv())["pong"] == 1
            return value(scrape(), gauge)

    # In a thread of its own: a browser test earlier in this process may keep an event loop running here.
    with ThreadPoolExecutor(1) as pool:
        during = pool.submit(asyncio.run, ping_while_connected()).result()
    assert during == before + 1
    assert wait_for(lambda: value(scrape(), gauge) == before, timeout=5)
