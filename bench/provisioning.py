"""Provisioning benchmark: creating a market, and migrating every market, as markets pile up.

    .venv/bin/python bench/provisioning.py [--levels 10,100,1000] [--samples 5] [--keep]
                                           [--no-standard] [--no-migrate] [--extra-tables N]

Prints two tables:
- the time `tenants.services.market_create` takes (a clone of the `market_template` schema) when
  10, 100 and 1,000 markets already exist: the median of a few creations at each level on an open
  database connection, and of a couple on a new connection (as a fresh web process would);
- the time `manage.py migrate_schemas` takes over all of them with nothing pending and with one new
  tenant migration pending, with django-tenants' multiprocessing executor and the standard one.

It never touches the development database: it works in its own database, `asoud_bench`, on the same
PostgreSQL server (the embedded one, or the server in DATABASE_URL), and drops it at the end unless
`--keep` is given (a kept database is reused by the next `--keep` run, so levels already reached are
not filled again). The pending migration belongs to a throw-away tenant app written to a temporary
directory and installed by `bench/settings.py` only for those runs. `--extra-tables N` adds another
throw-away tenant app with N tables from the start, to see how cloning scales with the template.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "asoud_bench"  # bench.settings refuses any database not named asoud_bench*
SETTINGS_MODULE = "bench.settings"
SLUG_PREFIX = "bench-"
PENDING_APP = "asoud_bench_pending"
BULK_APP = "asoud_bench_bulk"
COLD_SAMPLES = 2
TEMPLATE_SCHEMA = "market_template"
MIGRATE_TIMEOUT = 60 * 60


@dataclass
class Level:
    markets: int
    warm: list[float]
    cold: list[float]
    plain: list[float] = field(default_factory=list)  # clone_schema() alone
    fast: list[float] = field(default_factory=list)  # tenants/clone.py alone


@dataclass
class Results:
    levels: list[Level] = field(default_factory=list)
    template_tables: int = 0
    fill_count: int = 0
    fill_seconds: float = 0.0
    migrate: list[tuple[str, str, float | None]] = field(default_factory=list)
    markets_migrated: int = 0
    notes: list[str] = field(default_factory=list)


# --- database and processes ---------------------------------------------------------------------


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def server_urls() -> tuple[str, str]:
    """DATABASE_URL and REDIS_URL of the development servers (the embedded ones are started or reused)."""
    sys.path.insert(0, str(ROOT))
    from asoud import embedded

    embedded.ensure_services()
    return os.environ["DATABASE_URL"], os.environ["REDIS_URL"]


def database_prepare(server_url: str, name: str, *, reuse: bool) -> bool:
    """Create the bench database (dropping an old one unless reusing). True when it already existed."""
    import psycopg

    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reuse:
            return True
        if exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return False


def database_drop(server_url: str, name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(args: list[str], *, env: dict[str, str], timeout: float = MIGRATE_TIMEOUT) -> float:
    """Run manage.py in a subprocess (output appended to the log); its wall-clock time in seconds."""
    with Path(env["ASOUD_BENCH_LOG"]).open("a") as out:
        out.write(f"\n$ ASOUD_BENCH_APPS={env.get('ASOUD_BENCH_APPS', '')} manage.py {' '.join(args)}\n")
        out.flush()
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=timeout,
        )
        elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed with exit code {result.returncode}; see {env['ASOUD_BENCH_LOG']}")
    return elapsed


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def query_value(sql: str, params: list | None = None):
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


# --- throw-away tenant apps ---------------------------------------------------------------------


def package_write(directory: Path, label: str, models_source: str) -> Path:
    package = directory / label
    (package / "migrations").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "migrations" / "__init__.py").write_text("")
    (package / "models.py").write_text(models_source)
    return package


def bulk_app_write(directory: Path, tables: int, *, env: dict[str, str]) -> None:
    """A tenant app with `tables` shop-like tables (a foreign key, a unique slug, an index each)."""
    models = ["from django.db import models\n"]
    for number in range(1, tables + 1):
        parent = f'    parent = models.ForeignKey("Bulk{number - 1}", null=True, on_delete=models.CASCADE)\n'
        models.append(
            f"\n\nclass Bulk{number}(models.Model):\n"
            f"    title = models.CharField(max_length=200)\n"
            f"    slug = models.SlugField(max_length=220, unique=True)\n"
            f"    amount = models.BigIntegerField(default=0)\n"
            f"    created_at = models.DateTimeField(auto_now_add=True)\n"
            f"{parent if number > 1 else ''}"
            f"\n    class Meta:\n"
            f'        indexes = [models.Index(fields=["amount", "-created_at"], name="bulk{number}_amount_idx")]\n'
        )
    package_write(directory, BULK_APP, "".join(models))
    manage(["makemigrations", BULK_APP, "--verbosity", "0"], env=env)


def pending_app_write(directory: Path, migrations: int) -> None:
    """The tenant app whose last migration is the pending one: each migration creates a small table."""
    models = ["from django.db import models\n"]
    package = package_write(directory, PENDING_APP, "")
    for number in range(1, migrations + 1):
        models.append(
            f"\n\nclass Marker{number}(models.Model):\n    note = models.CharField(max_length=40, blank=True)\n"
        )
        dependencies = [] if number == 1 else [(PENDING_APP, f"{number - 1:04d}_marker{number - 1}")]
        (package / "migrations" / f"{number:04d}_marker{number}.py").write_text(
            textwrap.dedent(f"""\
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    initial = {number == 1}
                    dependencies = {dependencies!r}
                    operations = [
                        migrations.CreateModel(
                            name="Marker{number}",
                            fields=[
                                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                                ("note", models.CharField(blank=True, max_length=40)),
                            ],
                        ),
                    ]
            """)
        )
    (package / "models.py").write_text("".join(models))


def with_app(env: dict[str, str], label: str) -> dict[str, str]:
    apps = [app for app in env.get("ASOUD_BENCH_APPS", "").split(",") if app]
    return {**env, "ASOUD_BENCH_APPS": ",".join([*apps, label])}


# --- market creation ----------------------------------------------------------------------------


def market_count() -> int:
    from tenants.models import Market

    return Market.objects.filter(is_template=False).exclude(schema_name="public").count()


def market_create_timed(number: int, *, new_connection: bool = False) -> float:
    from django.db import connections

    from tenants.services import market_create

    if new_connection:
        connections.close_all()
    start = time.perf_counter()
    market_create(name=f"Bench market {number}", slug=f"{SLUG_PREFIX}{number:05d}")
    return time.perf_counter() - start


def bench_creation(results: Results, *, levels: list[int], samples: int, deadline: float) -> None:
    results.template_tables = query_value("SELECT count(*) FROM pg_tables WHERE schemaname = %s", ["market_template"])
    for level in levels:
        count = market_count()
        fill_start = time.perf_counter()
        while count < level:
            if time.monotonic() > deadline:
                results.notes.append(f"time budget reached while filling to {level:,} markets (at {count:,})")
                return
            market_create_timed(count)
            count += 1
            results.fill_count += 1
            if count % 100 == 0:
                progress(f"  {count} markets ({time.perf_counter() - fill_start:.0f} s filling this level)")
        results.fill_seconds += time.perf_counter() - fill_start
        warm = [market_create_timed(count + index) for index in range(samples)]
        cold = [market_create_timed(count + samples + index, new_connection=True) for index in range(COLD_SAMPLES)]
        level = Level(markets=count, warm=warm, cold=cold)
        clones_compare(results, level, samples=samples)
        results.levels.append(level)
        progress(
            f"  with {count} markets present: market_create median {statistics.median(warm):.3f} s,"
            f" clone_schema() {statistics.median(level.plain):.3f} s, fast clone {statistics.median(level.fast):.3f} s"
        )


def clones_compare(results: Results, level: Level, *, samples: int) -> None:
    """Time the schema copy alone, clone_schema() against the fast clone market_create uses, into scratch schemas
    that are dropped again; and check what each copy reproduces of the template."""
    from django.db import connection, transaction

    from tenants.clone import schema_clone_fast, schema_describe
    from tenants.services.provisioning import _clone_function_ensure

    _clone_function_ensure()  # market_create no longer needs django-tenants' function; the comparison does
    scratch = []
    with connection.cursor() as cursor:
        for index in range(samples):
            for name, timings in ((f"bench_plain_{index}", level.plain), (f"bench_fast_{index}", level.fast)):
                start = time.perf_counter()
                with transaction.atomic():
                    if name.startswith("bench_fast"):
                        schema_clone_fast(cursor, TEMPLATE_SCHEMA, name)
                    else:
                        cursor.execute("SELECT public.clone_schema(%s, %s, 'DATA')", [TEMPLATE_SCHEMA, name])
                timings.append(time.perf_counter() - start)
                scratch.append(name)
        with transaction.atomic():
            template = schema_describe(cursor, TEMPLATE_SCHEMA)
            for label, name in (("clone_schema()", "bench_plain_0"), ("the fast clone", "bench_fast_0")):
                copy = schema_describe(cursor, name)
                differs = [key for key in template if copy[key] != template[key]]
                note = f"{label} differs from the template in: {', '.join(differs)}" if differs else ""
                if note and note not in results.notes:
                    results.notes.append(note)
        for name in scratch:
            cursor.execute(f'DROP SCHEMA "{name}" CASCADE')
        connection.set_schema_to_public()


# --- migrate_schemas ----------------------------------------------------------------------------


def bench_migrate(
    results: Results, *, env: dict[str, str], apps_dir: Path, processes: int, standard: bool, deadline: float
) -> None:
    # A kept database may already hold migrations of the pending app from an earlier run.
    already_applied = query_value("SELECT count(*) FROM django_migrations WHERE app = %s", [PENDING_APP])
    tenant_schemas = market_count() + 1  # + the template, which migrate_schemas keeps up to date too
    results.markets_migrated = market_count()
    executors = [("multiprocessing", f"multiprocessing ({processes} processes)")]
    if standard:
        executors.append(("standard", "standard"))
    pending_env = with_app(env, PENDING_APP)
    if already_applied:
        pending_app_write(apps_dir, migrations=already_applied)
        env = pending_env

    for codename, label in executors:
        if time.monotonic() > deadline:
            results.migrate.append(("nothing pending", label, None))
            continue
        progress(f"  migrate_schemas, nothing pending, {label} …")
        seconds = manage(["migrate_schemas", "--noinput", "--executor", codename], env=env)
        results.migrate.append(("nothing pending", label, seconds))

    for number, (codename, label) in enumerate(executors, start=already_applied + 1):
        if time.monotonic() > deadline:
            results.migrate.append(("one tenant migration pending", label, None))
            continue
        pending_app_write(apps_dir, migrations=number)
        progress(f"  migrate_schemas, one tenant migration pending, {label} …")
        seconds = manage(["migrate_schemas", "--noinput", "--executor", codename], env=pending_env)
        results.migrate.append(("one tenant migration pending", label, seconds))
        migrated = query_value("SELECT count(*) FROM pg_tables WHERE tablename = %s", [f"{PENDING_APP}_marker{number}"])
        if migrated != tenant_schemas:
            results.notes.append(f"pending migration {number} reached {migrated} of {tenant_schemas} schemas")


# --- report -------------------------------------------------------------------------------------


def report(results: Results, *, embedded: bool) -> str:
    where = "embedded" if embedded else "DATABASE_URL server"
    lines = [
        f"ASOUD provisioning benchmark, {date.today().isoformat()}: {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPU cores, Python {platform.python_version()}, "
        f"PostgreSQL {query_value('SHOW server_version').split()[0]} ({where})",
        "",
        f"Creating one market (tenants.services.market_create: a clone of the market_template schema, "
        f"{results.template_tables} tables)",
        "",
        "| markets present | market_create (median) | min – max | on a new connection | clone_schema() alone "
        "| fast clone alone (clone market_create uses) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for level in results.levels:
        lines.append(
            f"| {level.markets:,} | {statistics.median(level.warm):.3f} s "
            f"| {min(level.warm):.3f} – {max(level.warm):.3f} s | {statistics.median(level.cold):.3f} s "
            f"| {statistics.median(level.plain):.3f} s | {statistics.median(level.fast):.3f} s |"
        )
    lines += [
        "",
        f"Medians of {len(results.levels[0].warm) if results.levels else 0} creations per level "
        f"({COLD_SAMPLES} on a new connection); the clone columns copy the template into scratch schemas "
        "(dropped again) without the Market and Domain rows; the fast clone is tenants/clone.py.",
    ]
    if results.fill_count:
        average = results.fill_seconds / results.fill_count
        lines += [
            "",
            f"Filling in between: {results.fill_count:,} markets in {results.fill_seconds:.0f} s ({average:.3f} s each).",
        ]
    if results.migrate:
        lines += [
            "",
            f"manage.py migrate_schemas over {results.markets_migrated:,} markets (+ the template and public schemas)",
            "",
            "| case | executor | time |",
            "|---|---|---:|",
        ]
        for case, executor, seconds in results.migrate:
            shown = f"{seconds:.1f} s" if seconds is not None else "skipped (time budget)"
            lines.append(f"| {case} | {executor} | {shown} |")
    if results.notes:
        lines += ["", *(f"Note: {note}" for note in results.notes)]
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="10,100,1000", help="market counts to measure at (comma-separated)")
    parser.add_argument("--samples", type=int, default=5, help="creations timed at each level")
    parser.add_argument("--processes", type=int, default=2, help="processes for the multiprocessing executor")
    parser.add_argument("--no-standard", action="store_true", help="skip the standard executor runs")
    parser.add_argument("--no-migrate", action="store_true", help="only time market creation")
    parser.add_argument("--extra-tables", type=int, default=0, help="add a throw-away tenant app with N tables")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the bench database")
    parser.add_argument("--database", default=BENCH_DATABASE, help="name of the bench database (asoud_bench*)")
    parser.add_argument("--budget", type=float, default=3600, help="seconds after which remaining steps are skipped")
    return parser.parse_args()


def main() -> None:
    options = parse_args()
    levels = sorted(int(level) for level in options.levels.split(","))
    deadline = time.monotonic() + options.budget
    embedded = not os.environ.get("DATABASE_URL")
    server_url, redis_url = server_urls()
    log = Path(tempfile.gettempdir()) / f"{options.database}-provisioning.log"
    log.write_text("")
    apps_dir = Path(tempfile.mkdtemp(prefix="asoud-bench-apps-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": with_database(server_url, options.database),
        "REDIS_URL": redis_url,
        "TENANT_MULTIPROCESSING_MAX_PROCESSES": str(options.processes),
        "PYTHONUNBUFFERED": "1",
        "ASOUD_BENCH_LOG": str(log),
        "ASOUD_BENCH_APPS_DIR": str(apps_dir),
        "ASOUD_BENCH_APPS": "",
    }
    if options.extra_tables:
        env = with_app(env, BULK_APP)
        bulk_app_write(apps_dir, options.extra_tables, env=env)
    os.environ.update(env)

    if not options.database.startswith(BENCH_DATABASE):
        sys.exit(f"--database must start with {BENCH_DATABASE}: the bench drops it")
    reused = database_prepare(server_url, options.database, reuse=options.keep)
    progress(f"{'Reusing' if reused else 'Created'} database {options.database}; manage.py output goes to {log}")
    manage(["platform_setup"], env=env)

    import django

    django.setup()
    results = Results()
    try:
        progress("Creating markets …")
        bench_creation(results, levels=levels, samples=options.samples, deadline=deadline)
        if not options.no_migrate:
            progress("Migrating …")
            bench_migrate(
                results,
                env=env,
                apps_dir=apps_dir,
                processes=options.processes,
                standard=not options.no_standard,
                deadline=deadline,
            )
        print(report(results, embedded=embedded))
    finally:
        if options.keep:
            progress(f"Kept database {options.database} (run again with --keep to reuse it).")
        else:
            database_drop(server_url, options.database)
            progress(f"Dropped database {options.database}.")
        shutil.rmtree(apps_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
