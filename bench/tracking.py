"""Storefront throughput with analytics tracking on and off.

    .venv/bin/python bench/tracking.py [--seconds 5] [--clients 10] [--products 200] [--keep]

1. Creates a throw-away market `trackbench` (a clone of the template) with a few hundred products.
2. Starts the real ASGI server (uvicorn, one process, DEBUG off) twice on that market: once with
   `ANALYTICS_TRACKING_ENABLED=false`, once with `true`. Until the product view itself calls
   `track(request, "product_view", …)`, the server is started through `asgi_app()` below, which adds a
   tiny middleware doing exactly that call for product pages, so the measured cost is the real one.
3. Measures the product page at N concurrent keep-alive clients (threads + `requests`) for a few
   seconds each, prints a table with requests/second, median and p99 latency and the difference,
   then stops the servers, drops the market and its Redis buffer (unless --keep).
"""

from __future__ import annotations

import argparse
import inspect
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "trackbench"
HOST = f"{SLUG}.localhost"


class ProductViewTracking:
    """What the lead's one-line hook in storefront.catalog.views.product does, for the bench only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.namespace == "storefront" and response.status_code == 200:
            from storefront.analytics.tracking import track

            track(request, "product_view" if match.url_name == "product" else "page_view")
        return response


def _product_view_tracks() -> bool:
    from storefront.catalog import views

    return "track(" in inspect.getsource(views.product)


def asgi_app():
    """uvicorn --factory entry: the project's ASGI app, with the bench middleware when not yet wired."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.development")
    import django
    from django.conf import settings

    django.setup()
    if not _product_view_tracks():
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, "bench.tracking.ProductViewTracking"]
    from asoud.asgi import application

    return application


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.development")
    import django

    django.setup()


def market_fill(products: int) -> str:
    from django_tenants.utils import tenant_context

    from storefront.catalog.bulk import catalogue_bulk_create
    from storefront.catalog.models import Product
    from tenants.models import Market
    from tenants.services import market_create

    market_drop()
    market = market_create(name="Tracking bench", slug=SLUG, theme="classic", status=Market.Status.ACTIVE)
    with tenant_context(market):
        catalogue_bulk_create(count=products, categories=6)
        return Product.objects.order_by("pk").values_list("slug", flat=True)[products // 2]


def market_drop() -> None:
    from django.db import connection

    from asoud.core.redis import get_redis
    from storefront.analytics.tracking import events_key, pending_key
    from tenants.models import Market
    from tenants.services import market_delete

    connection.set_schema_to_public()
    market = Market.objects.filter(slug=SLUG).first()
    if market is not None:
        market_delete(market=market)
    get_redis().delete(events_key(SLUG))
    get_redis().srem(pending_key(), SLUG)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_start(port: int, *, tracking: bool) -> subprocess.Popen:
    import requests

    env = {**os.environ, "DJANGO_DEBUG": "false", "ANALYTICS_TRACKING_ENABLED": str(tracking).lower()}
    command = [sys.executable, "-m", "uvicorn", "bench.tracking:asgi_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--lifespan", "off", "--no-access-log", "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if (
                requests.get(f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}, timeout=2).status_code
                == 200
            ):
                return process
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("the server did not start")


def measure(port: int, path: str, clients: int, seconds: float) -> tuple[float, float, float, int]:
    import requests

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(stop: float) -> None:
        session = requests.Session()
        session.headers["Host"] = HOST
        session.cookies.set("asoud_signin_checked", "1")  # no sign-in bridge bounce: a returning visitor
        mine = []
        while time.perf_counter() < stop:
            started = time.perf_counter()
            response = session.get(f"http://127.0.0.1:{port}{path}", allow_redirects=False)
            mine.append(time.perf_counter() - started)
            if response.status_code != 200:
                with lock:
                    errors[0] += 1
                    if errors[0] == 1:
                        print(f"  first error: {response.status_code} {response.headers.get('Location', '')}")
        with lock:
            latencies.extend(mine)

    stop = time.perf_counter() + seconds
    threads = [threading.Thread(target=client, args=(stop,)) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000, errors[0]


def buffered() -> int:
    from asoud.core.redis import get_redis
    from storefront.analytics.tracking import events_key

    return get_redis().llen(events_key(SLUG))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--path", default="", help="page to measure (default: a product page)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    django_setup()
    slug = market_fill(args.products)
    path = args.path or f"/p/{slug}/"
    print(f"market {SLUG}, page {path}, {args.clients} clients, {args.seconds:g} s each", flush=True)
    print(f"product view calls track() itself: {_product_view_tracks()} (else the bench middleware does)")
    results = {}
    try:
        for tracking in (False, True):
            port = free_port()
            server = server_start(port, tracking=tracking)
            try:
                measure(port, path, 2, 1.0)  # warm-up (caches, connections)
                before = buffered()
                results[tracking] = (*measure(port, path, args.clients, args.seconds), buffered() - before)
            finally:
                server.terminate()
                server.wait(timeout=10)
    finally:
        if not args.keep:
            market_drop()
    print()
    print("| tracking | req/s | median ms | p99 ms | errors | events buffered |")
    print("|---|---:|---:|---:|---:|---:|")
    for tracking, (rps, median, p99, errors, events) in results.items():
        print(f"| {'on' if tracking else 'off'} | {rps:,.0f} | {median:.1f} | {p99:.1f} | {errors} | {events:,} |")
    off, on = results[False][0], results[True][0]
    print(f"\ntracking on: {(on - off) / off * 100:+.1f}% requests/second (target: within 10%)")


if __name__ == "__main__":
    main()
