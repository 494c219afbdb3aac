"""Checkout benchmark: many shoppers placing orders at the same moment, for fewer units than shoppers.

    .venv/bin/python bench/checkout.py [--connections N] [--budget SECONDS] [--database NAME]

Prints a table of checkout throughput and the oversell count for two races:
- 100 buyers competing for 10 units (90 must be refused, and nothing may be oversold);
- 20 buyers for 100 units (throughput when nobody is refused).

Each buyer is a user with a cart holding one unit of the market's single product, an address, and cash
on delivery (no payment gateway involved). All buyers are threads released together by a barrier; each
calls `storefront.orders.services.order_place` on a database connection of its own and closes it at
the end. The PostgreSQL server also serves other work (its `max_connections` is shared), so at most
`--connections` buyers hold a connection at once (by default what the server has free, at most 50):
the rest queue for a slot, as requests queue for a pool in production.

It never touches the development database: like bench/provisioning.py it works in its own database,
`asoud_bench_checkout`, on the same PostgreSQL server (the embedded one, or the server in
DATABASE_URL), sets it up with `manage.py platform_setup`, and drops it at the end. Notifications are
written as usual but not queued to Celery, so the shared broker gets no tasks for a database that is
about to disappear. Exits non-zero when anything was oversold or the stock ledger does not add up.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.provisioning import (  # noqa: E402 (after the path set-up)
    database_drop,
    database_prepare,
    manage,
    progress,
    server_urls,
    with_database,
)

BENCH_DATABASE = "asoud_bench_checkout"  # bench.settings refuses any database not named asoud_bench*
SETTINGS_MODULE = "bench.settings"
RACES = [(100, 10), (20, 100)]  # (buyers, units)
MAX_CONNECTIONS = 50
CONNECTION_MARGIN = 10  # left free for the other work on the server


@dataclass
class Race:
    buyers: int
    units: int
    connections: int = 0
    placed: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)  # anything but an "insufficient_stock" refusal
    orders_in_db: int = 0
    final_stock: int = 0
    ledger: int = 0  # sum of the product's StockMovement deltas
    sales: int = 0  # its "sale" movements
    wall: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def oversold(self) -> int:
        return max(0, max(self.placed, self.orders_in_db, self.sales) - self.units, -self.final_stock)

    @property
    def problems(self) -> list[str]:
        problems = [f"{self.oversold} units oversold"] if self.oversold else []
        if self.ledger != self.final_stock:
            problems.append(f"stock {self.final_stock} but its movements add up to {self.ledger}")
        if not (self.placed == self.orders_in_db == self.sales == self.units - self.final_stock):
            problems.append(
                f"placed {self.placed}, orders {self.orders_in_db}, sale movements {self.sales},"
                f" units taken {self.units - self.final_stock} disagree"
            )
        if self.placed != min(self.buyers, self.units):
            problems.append(f"{self.placed} orders placed, expected {min(self.buyers, self.units)}")
        return problems + self.errors


# --- set-up -------------------------------------------------------------------------------------


def free_connections() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
        )
        allowed = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
        used = cursor.fetchone()[0]
    return allowed - used - CONNECTION_MARGIN


def seed(*, buyers: int, units: int) -> dict:
    """A market of its own with one product of `units` stock, and `buyers` shoppers with one unit in
    their carts, an address each and a flat-rate delivery method."""
    from django_tenants.utils import tenant_context

    from asoud.accounts.models import Address, User
    from storefront.cart.models import Cart
    from storefront.cart.services import cart_item_add
    from storefront.catalog.services import product_create
    from storefront.orders.models import ShippingMethod
    from storefront.orders.services import shipping_method_create
    from tenants.models import Market
    from tenants.services import market_create

    tag = uuid.uuid4().hex[:8]
    market = market_create(name=f"Checkout bench {buyers}/{units}", slug=f"bench-co-{tag}", status=Market.Status.ACTIVE)
    with tenant_context(market):
        product = product_create(title="Last lamps", slug=f"lamp-{tag}", price_main=5_000_000, initial_stock=units)
        post = shipping_method_create(name="Post", kind=ShippingMethod.Kind.FLAT, cost=300_000)
        shoppers = []
        for number in range(buyers):
            user = User.objects.create_user(f"+98937{uuid.uuid4().int % 10_000_000:07d}", name=f"Buyer {number}")
            cart, _ = Cart.objects.get_or_create(user_id=user.pk)
            cart_item_add(cart=cart, product=product, quantity=1)
            address = Address.objects.create(
                user=user,
                receiver_name=f"Buyer {number}",
                receiver_mobile="+989121234567",
                province="Tehran",
                city="Tehran",
                street="Valiasr St., No. 12",
                postal_code="1234567890",
                is_default=True,
            )
            shoppers.append((user, cart, address))
    return {"market": market, "product": product, "post": post, "shoppers": shoppers}


# --- the race -----------------------------------------------------------------------------------


def race_run(race: Race, *, deadline: float) -> None:
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.utils import translation
    from django_tenants.utils import tenant_context

    from storefront.catalog.models import Product, StockMovement
    from storefront.orders.models import Order
    from storefront.orders.services import order_place

    data = seed(buyers=race.buyers, units=race.units)
    market, post = data["market"], data["post"]
    connection.close()  # the main thread's connection is not needed during the race
    slots = threading.BoundedSemaphore(race.connections)
    started: list[float] = []
    finished: list[float] = []
    record = threading.Lock()
    barrier = threading.Barrier(race.buyers, action=lambda: started.append(time.perf_counter()))

    def checkout(user, cart, address) -> None:
        outcome = None
        try:
            connection.set_tenant(market)  # no connection opened yet
            barrier.wait(timeout=60)
            begin = time.perf_counter()
            with slots:
                try:
                    with translation.override("en"):
                        order_place(user=user, cart=cart, address=address, shipping_method=post, payment_method="cash")
                    outcome = "placed"
                finally:
                    connection.close()
        except ValidationError as error:
            codes = [e.code for e in error.error_list]
            outcome = "refused" if codes == ["insufficient_stock"] else f"refused with {codes}: {error.messages}"
        except Exception as error:  # a deadlock, a lost connection, …: reported, and fails the run
            outcome = f"{type(error).__name__}: {error}"
        end = time.perf_counter()
        with record:
            finished.append(end)
            if outcome == "placed":
                race.placed += 1
                race.latencies.append(end - begin)
            elif outcome == "refused":
                race.refused += 1
                race.latencies.append(end - begin)
            else:
                race.errors.append(outcome)

    threads = [threading.Thread(target=checkout, args=shopper, daemon=True) for shopper in data["shoppers"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        race.errors.append(f"{sum(t.is_alive() for t in threads)} checkouts still running at the time budget")
    race.wall = (max(finished) - started[0]) if started and finished else 0.0

    with tenant_context(market):
        product = data["product"]
        race.final_stock = Product.objects.get(pk=product.pk).stock
        moves = list(StockMovement.objects.filter(product_id=product.pk).values_list("delta", "reason"))
        race.ledger = sum(delta for delta, _reason in moves)
        race.sales = sum(1 for delta, reason in moves if reason == "sale" and delta == -1)
        race.orders_in_db = Order.objects.count()
    connection.close()


# --- report -------------------------------------------------------------------------------------


def report(races: list[Race], *, embedded: bool, postgres: str) -> str:
    where = "embedded" if embedded else "DATABASE_URL server"
    lines = [
        f"ASOUD checkout benchmark, {date.today().isoformat()}: {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPU cores, Python {platform.python_version()}, PostgreSQL {postgres} ({where})",
        "",
        "| buyers | units | DB connections | orders placed | refused | oversold | final stock | wall time "
        "| checkouts/s | median checkout |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for race in races:
        done = race.placed + race.refused
        rate = done / race.wall if race.wall else 0.0
        median = f"{statistics.median(race.latencies) * 1000:.0f} ms" if race.latencies else "–"
        lines.append(
            f"| {race.buyers} | {race.units} | {race.connections} | {race.placed} | {race.refused} "
            f"| {race.oversold} | {race.final_stock} | {race.wall:.2f} s | {rate:.1f} | {median} |"
        )
    lines += [
        "",
        "checkouts/s counts placed and refused checkouts over the wall time (barrier release to the last one "
        "done); median checkout includes waiting for a connection slot and for the product's row lock.",
    ]
    for race in races:
        for problem in race.problems:
            lines.append(f"PROBLEM ({race.buyers} buyers, {race.units} units): {problem}")
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=0, help="buyers holding a connection at once (0: auto)")
    parser.add_argument("--database", default=BENCH_DATABASE, help="name of the bench database (asoud_bench*)")
    parser.add_argument("--budget", type=float, default=170, help="seconds the whole run may take")
    return parser.parse_args()


def main() -> int:
    options = parse_args()
    deadline = time.monotonic() + options.budget
    if not options.database.startswith(BENCH_DATABASE):
        sys.exit(f"--database must start with {BENCH_DATABASE}: the bench drops it")
    embedded = not os.environ.get("DATABASE_URL")
    server_url, redis_url = server_urls()
    log = Path(tempfile.gettempdir()) / f"{options.database}.log"
    log.write_text("")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": with_database(server_url, options.database),
        "REDIS_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
        "ASOUD_BENCH_LOG": str(log),
        "ASOUD_BENCH_APPS": "",
    }
    os.environ.update(env)

    database_prepare(server_url, options.database, reuse=False)
    races: list[Race] = []
    try:
        progress(f"Created database {options.database}; platform_setup (output in {log}) …")
        seconds = manage(["platform_setup"], env=env, timeout=max(10.0, deadline - time.monotonic()))
        progress(f"platform_setup took {seconds:.0f} s")

        import django

        django.setup()
        import asoud.notifications.services as notifications

        notifications._enqueue = lambda *args, **kwargs: None  # nothing queued to the shared broker

        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgres = cursor.fetchone()[0].split()[0]
        for buyers, units in RACES:
            if time.monotonic() > deadline:
                progress(f"Time budget reached: {buyers} buyers for {units} units skipped.")
                continue
            free = free_connections()
            connections = options.connections or max(2, min(buyers, MAX_CONNECTIONS, free))
            race = Race(buyers=buyers, units=units, connections=connections)
            progress(f"{buyers} buyers for {units} units, {connections} connections at most …")
            start = time.perf_counter()
            race_run(race, deadline=deadline)
            progress(f"  done in {time.perf_counter() - start:.0f} s (with the set-up)")
            races.append(race)
        print(report(races, embedded=embedded, postgres=postgres))
    finally:
        database_drop(server_url, options.database)
        progress(f"Dropped database {options.database}.")
    failed = len(races) < len(RACES) or any(race.problems for race in races)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
