"""Periodic-work benchmark: what the roll-up, fraud, recommendations and marketplace jobs cost per run
with many markets of which only a few are active, visiting every market (before) and only the markets
marked dirty since the last run (after, asoud/core/dirty_markets.py).

    .venv/bin/python bench/periodic.py [--markets 1000] [--active 10] [--runs 3] [--budget 300] [--keep]

It works in a database of its own, `asoud_bench_periodic`, on the development PostgreSQL server (as
bench/provisioning.py does, whose helpers it uses) and drops it at the end unless `--keep` is given
(a kept database is reused, so markets already made are not made again). Markets are created by
`tenants.services.market_create` (a clone of the template schema, ~0.1 s each) until `--markets` exist
or `--budget` seconds have passed; with fewer markets than asked, the report says so and extrapolates
the "before" times linearly to `--markets` (the cost of a visit-all run grows with the number of
markets, the dirty-only run's does not), clearly labelled.

The active markets get a few products and orders' worth of work: 20 products each (bulk-made) and
their marks, as an order placed or events flushed would leave them.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.provisioning import (  # noqa: E402 (the project root goes on the path first)
    SETTINGS_MODULE,
    database_drop,
    database_prepare,
    manage,
    market_count,
    market_create_timed,
    progress,
    server_urls,
    with_database,
)

DATABASE = "asoud_bench_periodic"
JOBS = ("rollup", "fraud", "recommendations", "marketplace")


def job_run(job: str) -> None:
    """One run of the job as beat starts it (the task's body, in this process)."""
    from django.db import connection

    from asoud.marketplace.tasks import rebuild
    from storefront.analytics.tasks import fraud_scan_task, recommendations_task, rollup_task

    connection.set_schema_to_public()
    {"rollup": rollup_task, "fraud": fraud_scan_task, "recommendations": recommendations_task, "marketplace": rebuild}[
        job
    ].apply().get()


def markets_fill(target: int, deadline: float) -> int:
    count = market_count()
    started = time.perf_counter()
    while count < target and time.monotonic() < deadline:
        market_create_timed(count)
        count += 1
        if count % 100 == 0:
            progress(f"  {count} markets ({time.perf_counter() - started:.0f} s)")
    return count


def active_prepare(active: int) -> list[str]:
    """The first `active` markets get products (and are opened and listed, so every job has work)."""
    from django_tenants.utils import tenant_context

    from storefront.catalog.bulk import catalogue_bulk_create
    from storefront.catalog.models import Product
    from tenants.models import Market
    from tenants.selectors import market_list_real

    markets = list(market_list_real().order_by("slug")[:active])
    for market in markets:
        Market.objects.filter(pk=market.pk).update(status=Market.Status.ACTIVE, is_listed=True)
        with tenant_context(market):
            if not Product.objects.exists():
                catalogue_bulk_create(count=20)
    return [market.schema_name for market in markets]


def timed_runs(job: str, runs: int, *, before_each) -> list[float]:
    times = []
    for _ in range(runs):
        before_each()
        start = time.perf_counter()
        job_run(job)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markets", type=int, default=1000)
    parser.add_argument("--active", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=300.0, help="seconds for creating markets")
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()

    server_url, redis_url = server_urls()
    log = Path(tempfile.gettempdir()) / f"{DATABASE}.log"
    log.write_text("")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": with_database(server_url, DATABASE),
        "REDIS_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
        "ASOUD_BENCH_LOG": str(log),
        "ASOUD_BENCH_APPS": "",
    }
    os.environ.update(env)
    reused = database_prepare(server_url, DATABASE, reuse=options.keep)
    progress(f"{'Reusing' if reused else 'Created'} database {DATABASE}; manage.py output goes to {log}")
    if not reused:  # a kept database is set up already (migrating every market again takes minutes)
        manage(["platform_setup"], env=env)

    import django

    django.setup()
    from django.test import override_settings

    from asoud.core.dirty_markets import dirty_take, full_visit_forget, market_mark_dirty

    try:
        progress(f"Creating markets (up to {options.markets:,}, {options.budget:.0f} s budget) …")
        made = markets_fill(options.markets, time.monotonic() + options.budget)
        active = active_prepare(options.active)
        progress(f"{made:,} markets, {len(active)} active")
        rows = []
        for job in JOBS:
            for name in JOBS:
                dirty_take(name)
            with override_settings(ASOUD_PERIODIC_FULL_VISIT=dict.fromkeys(JOBS, 0)):  # visit every market
                before = timed_runs(job, options.runs, before_each=lambda: None)
            with override_settings(ASOUD_PERIODIC_FULL_VISIT=dict.fromkeys(JOBS, 24 * 60 * 60)):
                full_visit_forget(job)
                job_run(job)  # this period's full visit
                after = timed_runs(job, options.runs, before_each=lambda: market_mark_dirty(*active))
                idle = timed_runs(job, options.runs, before_each=lambda: None)
            rows.append((job, statistics.median(before), statistics.median(after), statistics.median(idle)))
            progress(f"  {job}: visit all {rows[-1][1]:.3f} s, {len(active)} dirty {rows[-1][2]:.3f} s")
        print(report(rows, made=made, wanted=options.markets, active=len(active), runs=options.runs))
    finally:
        if options.keep:
            progress(f"Kept database {DATABASE}.")
        else:
            database_drop(server_url, DATABASE)
            progress(f"Dropped database {DATABASE}.")


def report(rows, *, made: int, wanted: int, active: int, runs: int) -> str:
    lines = [
        f"Periodic jobs, {made:,} markets of which {active} active; median of {runs} runs each "
        f"({platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f})",
        "",
        f"| job | visit all {made:,} markets (before) | {active} dirty markets (after) | nothing dirty | "
        "per idle market (before) |",
        "|---|---:|---:|---:|---:|",
    ]
    for job, before, after, idle in rows:
        per_market = (before - after) / max(made - active, 1)
        lines.append(f"| {job} | {before:.3f} s | {after:.3f} s | {idle:.3f} s | {per_market * 1000:.1f} ms |")
    if made < wanted:
        lines += ["", f"Extrapolated to {wanted:,} markets (before = after + per idle market × idle markets):", ""]
        for job, _before, after, _idle in rows:
            per_market = (_before - after) / max(made - active, 1)
            lines.append(f"- {job}: about {after + per_market * (wanted - active):.1f} s before, {after:.3f} s after")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
