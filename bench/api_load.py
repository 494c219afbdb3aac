"""REST API load benchmark: req/s and p50/p99 of the API's product list, product detail and cart read
at 1, 10 and 50 clients, next to the same pages of the web storefront, on the same server.

    .venv/bin/python bench/api_load.py [--products 2000] [--seconds 3] [--clients 1,10,50] [--keep]

1. Creates a throw-away market `apibench` in the development database (as bench/storefront_load.py
   does: a clone of the template, products bulk-created) and a shopper with two cart lines. The app
   side signs in with a JWT (as after /api/v1/auth/token/); the web side with a session cookie.
2. Starts the real ASGI server the way `make run` does (uvicorn, one process, DEBUG off) on a free
   loopback port; warms every address once.
3. Measures each address for a few seconds per client count with keep-alive Python threads (bounded:
   seconds × addresses × client counts), then prints a table, stops the server and drops the market.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import storefront_load as web  # noqa: E402 (after the path set-up)

SLUG = "apibench"
web.SLUG, web.HOST = SLUG, f"{SLUG}.localhost"  # reuse its helpers (server start, drop) for this market


def seed(products: int) -> dict:
    """The market, one product's slug, a JWT and a session cookie for a shopper with a cart."""
    from django.conf import settings
    from django.test import Client
    from django_tenants.utils import tenant_context
    from rest_framework_simplejwt.tokens import RefreshToken

    from asoud.accounts.models import User
    from storefront.cart.models import Cart
    from storefront.cart.services import cart_item_add
    from storefront.catalog.bulk import catalogue_bulk_create
    from storefront.catalog.models import Product
    from tenants.models import Market
    from tenants.services import market_create

    drop()
    market = market_create(name="API bench", slug=SLUG, theme="classic", status=Market.Status.ACTIVE)
    shopper, _ = User.objects.get_or_create(mobile="+989359990001")
    with tenant_context(market):
        catalogue_bulk_create(count=products, categories=8)
        items = list(Product.objects.filter(is_active=True, has_variants=False, stock__gt=2).order_by("id")[:2])
        cart, _ = Cart.objects.get_or_create(user_id=shopper.pk)
        for product in items:
            cart_item_add(cart=cart, product=product, quantity=1)
        slug = items[0].slug
    browser = Client(HTTP_HOST=f"{SLUG}.localhost")
    browser.force_login(shopper, backend="django.contrib.auth.backends.ModelBackend")
    return {
        "slug": slug,
        "token": str(RefreshToken.for_user(shopper).access_token),
        "cookie": f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}",
    }


def drop() -> None:
    web.market_drop()


def addresses(seeded: dict) -> list[tuple[str, str, str, dict]]:
    """(what, host, path, headers): the API and the web page of each, side by side."""
    api_headers = {"Authorization": f"Bearer {seeded['token']}", "Accept-Language": "fa"}
    web_headers = {"Cookie": seeded["cookie"], "Accept-Language": "fa"}
    market_host = f"{SLUG}.localhost"
    api = f"/api/v1/markets/{SLUG}"
    return [
        ("product list   API", "localhost", f"{api}/products/", api_headers),
        ("product list   web", market_host, "/products/", {"Accept-Language": "fa"}),
        ("product detail API", "localhost", f"{api}/products/{seeded['slug']}/", api_headers),
        ("product detail web", market_host, f"/p/{seeded['slug']}/", {"Accept-Language": "fa"}),
        ("cart read      API", "localhost", f"{api}/cart/", api_headers),
        ("cart read      web", market_host, "/cart/", web_headers),
    ]


def get(session, port: int, host: str, path: str, headers: dict) -> tuple[int, float]:
    import requests

    started = time.perf_counter()
    try:
        status = session.get(
            f"http://127.0.0.1:{port}{path}", headers={"Host": host, **headers}, timeout=30
        ).status_code
    except requests.RequestException:
        status = 0
    return status, time.perf_counter() - started


def measure(port: int, host: str, path: str, headers: dict, clients: int, seconds: float):
    return web.run_clients(lambda session: get(session, port, host, path, headers), clients=clients, seconds=seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--keep", action="store_true", help="keep the market afterwards")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]

    web.django_setup()
    print(f"Seeding {args.products:,} products into market '{SLUG}'…", flush=True)
    seeded = seed(args.products)
    port = web.free_port()
    server = web.server_start(port)
    rows = []
    try:
        targets = addresses(seeded)
        import requests

        warm = requests.Session()
        for name, host, path, headers in targets:
            status, _ = get(warm, port, host, path, headers)
            if status != 200:
                raise SystemExit(f"{name}: {path} answered {status}")
        for name, host, path, headers in targets:
            for count in counts:
                rps, p50, p99, errors = measure(port, host, path, headers, count, args.seconds)
                rows.append((name, count, rps, p50, p99, errors))
                print(f"  {name} c={count:<3} {rps:7.0f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
        if not args.keep:
            drop()
    print()
    print(
        f"REST API vs web pages: {args.products:,} products, one uvicorn process, DEBUG off, {os.cpu_count()} CPU cores"
    )
    print(f"(client: Python threads on the same machine, keep-alive, {args.seconds:g} s per cell)")
    print()
    print(f"| {'address':<18} | {'clients':>7} | {'req/s':>7} | {'p50 ms':>8} | {'p99 ms':>8} | {'errors':>6} |")
    print(f"|{'-' * 20}|{'-' * 8}:|{'-' * 8}:|{'-' * 9}:|{'-' * 9}:|{'-' * 7}:|")
    for name, count, rps, p50, p99, errors in rows:
        print(f"| {name:<18} | {count:>7} | {rps:>7.0f} | {p50:>8.1f} | {p99:>8.1f} | {errors:>6} |")


if __name__ == "__main__":
    main()
