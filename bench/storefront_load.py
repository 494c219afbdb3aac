"""Storefront load benchmark: requests/second and latency of the market pages under concurrency.

    .venv/bin/python bench/storefront_load.py [--products 10000] [--seconds 5] [--clients 1,10,50]
                                              [--servers before,after] [--keep] [--python-client]

1. Creates a throw-away market `storebench` (tenants.services.market_create, a clone of the template)
   in the development database and fills it with 10,000 products (bulk_create: one photo shared by
   all, a tenth discounted, some with variants, search index built in one statement).
2. Starts the real ASGI server on a free port, once per --servers entry, and warms each page:
   - `before`: one uvicorn process, a new database connection per request, no page cache (the
     configuration before docs/performance.md);
   - `after`: as `make run` serves: WEB_CONCURRENCY uvicorn workers (default: CPU count), pooled
     connections, the anonymous page cache, collected static files.
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

CEILING = "trivial (ceiling)"
PAGES = [
    (CEILING, "static-file"),
    ("healthz", "/healthz"),
    ("home", "/"),
    ("listing", "/products/"),
    ("listing, price sort", "/products/?sort=price_asc"),
    ("product", "/p/bulk-1234/"),
    ("product (random)", "random-product"),
    ("search", "/search/?q=saffron"),
    ("product (signed in)", "/p/bulk-1234/"),
]
SIGNED_IN = "product (signed in)"
SERVERS = {
    "before": {"WEB_CONCURRENCY": "1", "DATABASE_POOL": "false", "ASOUD_PAGE_CACHE": "false"},
    "after": {"DATABASE_POOL": "true", "ASOUD_PAGE_CACHE": "true"},
}

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


def server_start(port: int, name: str) -> subprocess.Popen:
    workers = os.environ.get("WEB_CONCURRENCY") or str(os.cpu_count() or 1)
    env = {"WEB_CONCURRENCY": workers, **SERVERS[name]}
    env = {**os.environ, "DJANGO_DEBUG": "false", "ASOUD_COLLECTED_STATIC": "1", "PYTHONUNBUFFERED": "1", **env}
    command = [sys.executable, "-m", "uvicorn", "asoud.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", env["WEB_CONCURRENCY"], "--lifespan", "off", "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.time() + 90
    while time.time() < deadline:
        if http_get(port, "/healthz")[0] == 200:
            return process
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("the server did not start")


def static_collect() -> str:
    """Collect static files as `make run` does; the path of a small hashed file for the ceiling row."""
    env = {**os.environ, "ASOUD_COLLECTED_STATIC": "1"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    from django.conf import settings

    icons = sorted((Path(settings.STATIC_ROOT) / "img").glob("storefront-icons.*.svg"))
    return "/static/img/" + icons[0].name


def shopper_cookie() -> str:
    """A signed-in shopper's session cookie on the bench market (a real session row)."""
    from django.conf import settings
    from django.test import Client

    from asoud.accounts.models import User

    user, _ = User.objects.get_or_create(mobile="+989120000999")
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def http_get(port: int, path: str, session=None, cookie: str = "") -> tuple[int, float]:
    import requests

    headers = {"Host": HOST, **({"Cookie": cookie} if cookie else {})}
    started = time.perf_counter()
    try:
        response = (session or requests).get(f"http://127.0.0.1:{port}{path}", headers=headers, timeout=30)
        status = response.status_code
    except requests.RequestException:
        status = 0
    return status, time.perf_counter() - started


def measure_wrk(port, path, clients, seconds, last_product, cookie="") -> tuple[float, float, float, int]:
    command = ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    command += ["-H", f"Host: {HOST}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
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
    # Requests that got no answer within wrk's --timeout count as failures too.
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed = (int(errors.group(1)) if errors else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return rps, p50, p99, failed


def _wrk_latency(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_clients(request_once, *, clients: int, seconds: float) -> tuple[float, float, float, int]:
    """`clients` threads, each with its own keep-alive session, calling `request_once(session)` →
    (status, seconds) until time is up: req/s, p50 ms, p99 ms, non-200 answers."""
    import requests

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        session, mine, failed = requests.Session(), [], 0
        while time.perf_counter() < stop:
            status, elapsed = request_once(session)
            mine.append(elapsed)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += failed

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


def measure_python(port, path, clients, seconds, last_product, cookie=""):
    def request_once(session):
        target = f"/p/bulk-{random.randint(0, last_product)}/" if path == "random-product" else path
        return http_get(port, target, session, cookie)

    return run_clients(request_once, clients=clients, seconds=seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--servers", default="before,after", help="which server set-ups to measure, in order")
    parser.add_argument("--keep", action="store_true", help="keep the market afterwards")
    parser.add_argument("--python-client", action="store_true", help="don't use wrk even if installed")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    servers = [name for name in args.servers.split(",") if name]

    django_setup()
    print(f"Seeding {args.products:,} products into market '{SLUG}'…", flush=True)
    fill_seconds = market_fill(args.products)
    print(f"  done in {fill_seconds:.1f} s", flush=True)
    static_path = static_collect()
    cookie = shopper_cookie()
    measure = measure_python if args.python_client or not shutil.which("wrk") else measure_wrk
    results: dict[tuple[str, str, int], tuple[float, float, float, int]] = {}
    try:
        for server_name in servers:
            port = free_port()
            server = server_start(port, server_name)
            try:
                for name, path in PAGES:
                    target = static_path if path == "static-file" else path
                    for _ in range(3):
                        http_get(port, "/p/bulk-1/" if path == "random-product" else target)
                    for count in clients:
                        with_cookie = cookie if name == SIGNED_IN else ""
                        figures = measure(port, target, count, args.seconds, args.products - 1, with_cookie)
                        results[(server_name, name, count)] = figures
                        rps, p50, p99, errors = figures
                        print(
                            f"  {server_name:<6} {name:<22} c={count:<3} {rps:8.0f} req/s  p50 {p50:7.1f} ms"
                            f"  p99 {p99:7.1f} ms  errors {errors}",
                            flush=True,
                        )
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        if not args.keep:
            market_drop()
    print_table(results, servers, clients, args, measure is measure_wrk)


def print_table(results, servers, clients, args, used_wrk: bool) -> None:
    cores = os.cpu_count()
    workers = os.environ.get("WEB_CONCURRENCY") or cores
    print()
    print(f"Storefront under load: {args.products:,} products, DEBUG off, {cores} CPU cores shared with the client")
    print(f"before = 1 uvicorn process, no pool, no page cache; after = {workers} workers, pool, page cache")
    print(f"(client: {'wrk' if used_wrk else 'Python threads'} on the same machine, {args.seconds} s per cell)")
    print()
    head = "| page | clients |"
    for name in servers:
        head += f" {name} req/s | {name} p50 ms | {name} p99 ms | {name} ÷ ceiling | {name} errors |"
    print(head)
    print("|---|---:|" + "---:|---:|---:|---:|---:|" * len(servers))
    for page, _path in PAGES:
        for count in clients:
            line = f"| {page} | {count} |"
            for name in servers:
                rps, p50, p99, errors = results[(name, page, count)]
                ceiling = results[(name, CEILING, count)][0] or 1
                line += f" {rps:,.0f} | {p50:.1f} | {p99:.1f} | {rps / ceiling:.2f} | {errors} |"
            print(line)


if __name__ == "__main__":
    main()
