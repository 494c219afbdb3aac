"""`make run`: a supervisor for the web server, a Celery worker, Celery beat and the embedded servers.

The embedded PostgreSQL and Valkey were started (or found) when the settings loaded; their URLs are
in the environment, so every child connects to the same servers. A child that dies (web, worker,
beat, PostgreSQL, Valkey) is restarted with a growing pause and logged; the others keep running
(asoud.core.supervisor). Ctrl-C or SIGTERM stops the children, then the servers this process
started, including restarted ones.
"""

import logging
import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from asoud import embedded
from asoud.core.supervisor import Command as Child
from asoud.core.supervisor import Service, Supervisor
from asoud.observability.metrics import metrics_files_clear


def web_command(*, host: str, port: int) -> list[str]:
    """The web server's command line (the one place it is written)."""
    # `make dev` (DEBUG): one process that reloads on change; `make run`: WEB_CONCURRENCY workers.
    # --no-proxy-headers: Django believes X-Forwarded-For only from ASOUD_TRUSTED_PROXIES.
    processes = (
        ["--reload"] if settings.DEBUG else ["--workers", str(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)]
    )
    return [
        sys.executable, "-m", "uvicorn", "asoud.asgi:application",
        "--host", host, "--port", str(port), "--lifespan", "off", "--no-access-log", "--no-proxy-headers",
        *processes,
    ]  # fmt: skip


def worker_command() -> list[str]:
    queues = ",".join(settings.ASOUD_WORKER_QUEUES)
    return [sys.executable, "-m", "celery", "-A", "asoud", "worker", "-l", "info", "-Q", queues, "-c", "2"]


def beat_command() -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "asoud", "beat", "-l", "info", "-s", settings.CELERY_BEAT_SCHEDULE_FILENAME]  # fmt: skip


def embedded_services() -> list[Service]:
    """The embedded servers this run watches (none when DATABASE_URL / REDIS_URL point elsewhere)."""
    services = []
    if "postgres" in embedded.provided:
        services.append(Service("postgres", embedded.postgres_alive, embedded.postgres_restart))
    if "valkey" in embedded.provided:
        services.append(Service("valkey", embedded.valkey_alive, embedded.valkey_restart))
    return services


class Command(BaseCommand):
    help = "Migrate, seed the demo once, and serve the site with a Celery worker and beat."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--no-seed", action="store_true")

    def handle(self, *args, host, port, no_seed, **options):
        # Metrics files of the previous run's processes (prometheus-client multiprocess mode) go.
        metrics_files_clear()
        call_command("platform_setup", verbosity=0)
        if not no_seed:
            call_command("seed_demo")
        logging.getLogger("asoud.supervisor").setLevel(logging.INFO)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        children = [
            *embedded_services(),
            Child("worker", worker_command(), env=env),
            Child("beat", beat_command(), env=env),
            Child("web", web_command(host=host, port=port), env=env),
        ]
        self._print_addresses(port)
        Supervisor(children).run()
        embedded.stop_started()
        sys.exit(0)

    def _print_addresses(self, port: int) -> None:
        base = settings.ASOUD_BASE_DOMAIN
        lines = [
            f"  Platform:     http://{base}:{port}/",
            f"  Demo market:  http://demo.{base}:{port}/",
            f"  Dashboard:    http://demo.{base}:{port}/dashboard/",
            f"  Admin:        http://{base}:{port}/admin/",
            f"  Health:       http://{base}:{port}/healthz",
            f"  REST API:     http://{base}:{port}/api/v1/docs/",
        ]
        if settings.ASOUD_DEV_TOOLS:
            lines.append(f"  SMS outbox:   http://{base}:{port}/dev/outbox/")
        self.stdout.write(self.style.SUCCESS("ASOUD is starting:\n" + "\n".join(lines)))
