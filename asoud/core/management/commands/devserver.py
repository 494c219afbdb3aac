"""`make run`: one process manager for the web server, a Celery worker and Celery beat.

The embedded PostgreSQL and Valkey were started (or found) when the settings loaded; their URLs are
in the environment, so every child connects to the same servers. Ctrl-C stops the children, then
this process stops the servers it started.
"""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from honcho.manager import Manager

from asoud.observability.metrics import metrics_files_clear


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
        python = sys.executable
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        queues = ",".join(settings.ASOUD_WORKER_QUEUES)
        manager = Manager()
        manager.add_process(
            "web",
            # `make dev` (DEBUG): one process that reloads on change; `make run`: WEB_CONCURRENCY workers.
            f"{python} -m uvicorn asoud.asgi:application --host {host} --port {port} --lifespan off --no-access-log --no-proxy-headers "
            + (
                "--reload"
                if settings.DEBUG
                else f"--workers {os.environ.get('WEB_CONCURRENCY') or os.cpu_count() or 1}"
            ),
            env=env,
        )
        manager.add_process("worker", f"{python} -m celery -A asoud worker -l info -Q {queues} -c 2", env=env)
        manager.add_process(
            "beat", f"{python} -m celery -A asoud beat -l info -s {settings.CELERY_BEAT_SCHEDULE_FILENAME}", env=env
        )
        self._print_addresses(port)
        manager.loop()
        sys.exit(manager.returncode or 0)

    def _print_addresses(self, port: int) -> None:
        base = settings.ASOUD_BASE_DOMAIN
        lines = [
            f"  Platform:     http://{base}:{port}/",
            f"  Demo market:  http://demo.{base}:{port}/",
            f"  Dashboard:    http://demo.{base}:{port}/dashboard/",
            f"  Admin:        http://{base}:{port}/admin/",
            f"  Health:       http://{base}:{port}/healthz",
        ]
        if settings.DEBUG:
            lines.append(f"  SMS outbox:   http://{base}:{port}/dev/outbox/")
        self.stdout.write(self.style.SUCCESS("ASOUD is starting:\n" + "\n".join(lines)))
