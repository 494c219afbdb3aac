"""Storefront load benchmark: requests/second and latency of the market pages under concurrency.

    .venv/bin/python bench/storefront_load.py [--products 10000] [--seconds 5] [--clients 1,10,50]
                                              [--keep] [--python-client]

1. Creates a throw-away market `storebench` (tenants.services.market_create, a clone of the template)
   in the development database and fills it with 10,000 products (bulk_create: one photo shared by
   all, a tenth discounted, some with variants, search index built in one statement).
2. Starts the real ASGI server the way `make run` does (uvicorn, one process, DEBUG off) on a free
   port, and warms each page once.
3. Measures each page at 1, 10 and 50 concurrent keep-alive clients for a few seconds each, with
   `wrk` when installed (apt-get install wrk), else with a Python thread-pool client, next to
   `/healthz` (a trivial view: one SELECT 1 and one Redis round trip) on the same server as the
   ceiling. "product (random)" asks for a different one of the 10,000 products each time, so it
   mostly misses the fragment cache; the other rows are what repeat visitors of popular pages cost.
4. Prints a table, then stops the server and drops the market (unless --keep).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "storebench"
HOST = f"{SLUG}.localhost"

PAGES = [
    ("healthz (ceiling)", "/healthz"),
    ("home", "/"),
    ("listing", "/products/"),
    ("listing, price sort", "/products/?sort=price_asc"),
    ("product", "/p/bulk-1234/"),
    ("product (random)", "random-product"),
    ("search", "/search/?q=saffron"),
]

_RANDOM_PRODUCT_LUA = """
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/p/bulk-" .. math.random(0, %(last)d) .. "/")
end
"""


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.development")
    import django

    django.setup()


def market_fill(products: int) -> float:
    from django_tenants.utils import tenant_context

    from storefront.catalog.bulk import catalogue_bulk_create
    from tenants.models import Market
    from tenants.services import market_create

    market_drop()
    market = market_create(name="Storefront bench", slug=SLUG, theme="classic", status=Market.Status.ACTIVE)
    started = time.perf_counter()
    with tenant_context(market):
        catalogue_bulk_create(count=products, categories=12)
    return time.perf_counter() - started


def market_drop() -> None:
    from django.conf import settings
    from django.db import connection

    from tenants.models import Market
    from tenants.services import market_delete

    connection.set_schema_to_public()
    market = Market.objects.filter(slug=SLUG).first()
    if market is not None:
        market_delete(market=market)
    shutil.rmtree(Path(settings.MEDIA_ROOT) / market_schema(), ignore_errors=True)


def market_schema() -> str:
    return SLUG.replace("-", "_")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_start(port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_DEBUG": "false", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "uvicorn", "asoud.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--lifespan", "off", "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        if http_get(port, "/healthz")[0] == 200:
            return process
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("the server did not start")


def http_get(port: int, path: str, session=None) -> tuple[int, float]:
    import requests

    started = time.perf_counter()
    try:
        response = (session or requests).get(f"http://127.0.0.1:{port}{path}", headers={"Host": HOST}, timeout=30)
        status = response.status_code
    except requests.RequestException:
        status = 0
    return status, time.perf_counter() - started


def measure_wrk(port: int, path: str, clients: int, seconds: int, last_product: int) -> tuple[float, float, float, int]:
    command = ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "--latency", "-H", f"Host: {HOST}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_RANDOM_PRODUCT_LUA % {"last": last_product})
    if path == "random-product":
        command += ["-s", script.name]
        path = "/"
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _wrk_latency(re.search(r"50%\s+([\d.]+\w+)", output).group(1))
    p99 = _wrk_latency(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def _wrk_latency(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def measure_python(port: int, path: str, clients: int, seconds: int, last_product: int):
    import requests

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        session = requests.Session()
        mine = []
        while time.perf_counter() < stop:
            target = f"/p/bulk-{random.randint(0, last_product)}/" if path == "random-product" else path
            status, elapsed = http_get(port, target, session)
            mine.append(elapsed)
            if status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--keep", action="store_true", help="keep the market afterwards")
    parser.add_argument("--python-client", action="store_true", help="don't use wrk even if installed")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]

    django_setup()
    print(f"Seeding {args.products:,} products into market '{SLUG}'…", flush=True)
    fill_seconds = market_fill(args.products)
    print(f"  done in {fill_seconds:.1f} s", flush=True)
    measure = measure_python if args.python_client or not shutil.which("wrk") else measure_wrk
    port = free_port()
    server = server_start(port)
    rows = []
    try:
        for _name, path in PAGES:
            for _ in range(2):
                http_get(port, "/p/bulk-1/" if path == "random-product" else path)
        for name, path in PAGES:
            for count in clients:
                rps, p50, p99, errors = measure(port, path, count, args.seconds, args.products - 1)
                rows.append((name, count, rps, p50, p99, errors))
                print(f"  {name:<22} c={count:<3} {rps:8.0f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
        if not args.keep:
            market_drop()
    print_table(rows, args, measure is measure_wrk)


def print_table(rows, args, used_wrk: bool) -> None:
    cores = os.cpu_count()
    print()
    print(f"Storefront under load: {args.products:,} products, one uvicorn process, DEBUG off, {cores} CPU cores")
    print(f"(client: {'wrk' if used_wrk else 'Python threads'} on the same machine, {args.seconds} s per cell)")
    print()
    print(f"| {'page':<22} | {'clients':>7} | {'req/s':>8} | {'p50 ms':>8} | {'p99 ms':>8} | {'errors':>6} |")
    print(f"|{'-' * 24}|{'-' * 9}:|{'-' * 9}:|{'-' * 9}:|{'-' * 9}:|{'-' * 7}:|")
    for name, count, rps, p50, p99, errors in rows:
        print(f"| {name:<22} | {count:>7} | {rps:>8.0f} | {p50:>8.1f} | {p99:>8.1f} | {errors:>6} |")


if __name__ == "__main__":
    main()
