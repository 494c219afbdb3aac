"""`make run`: a supervisor for the web server, a Celery worker, Celery beat and the embedded servers.

The embedded PostgreSQL and Valkey were started (or found) when the settings loaded; their URLs are
in the environment, so every child connects to the same servers. A child that dies (web, worker,
beat, PostgreSQL, Valkey) is restarted with a growing pause and logged; the others keep running
(asoud.core.supervisor). Ctrl-C or SIGTERM stops the children, then the servers this process
started, including restarted ones.
"""

import logging
import os
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from asoud import embedded
from asoud.core.supervisor import Command as Child
from asoud.core.supervisor import Service, Spare, Supervisor, listening_socket
from asoud.observability.metrics import metrics_files_clear


def web_command(*, host: str = "", port: int = 0, fd: int | None = None) -> list[str]:
    """The web server's command line (the one place it is written): one web process on the
    supervisor's listening socket `fd`, warmed up before it serves (`make run`,
    asoud.core.webserver), or uvicorn on host:port reloading on change (`make dev`)."""
    if fd is not None:
        return [sys.executable, "-m", "asoud.core.webserver", "--fd", str(fd)]
    # --no-proxy-headers: Django believes X-Forwarded-For only from ASOUD_TRUSTED_PROXIES.
    return [
        sys.executable, "-m", "uvicorn", "asoud.asgi:application",
        "--host", host, "--port", str(port), "--reload", "--lifespan", "off", "--no-access-log", "--no-proxy-headers",
    ]  # fmt: skip


def web_children(*, host: str, port: int, env: dict[str, str]) -> tuple[list[Child], socket.socket | None]:
    """`make run`: WEB_CONCURRENCY web processes, each a child of the supervisor, all serving the
    supervisor's socket (a killed one is replaced while the others answer, and nobody is refused
    meanwhile), and a spare that replaces the first to die at once. `make dev` (DEBUG): one process
    that reloads on change, on its own socket."""
    if settings.DEBUG:
        return [Child("web", web_command(host=host, port=port), env=env)], None
    sock = listening_socket(host, port)
    count = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
    fd = sock.fileno()
    # One more process, loaded and warmed up, waits to replace the first web process that dies.
    spare = Spare("web-spare", [*web_command(fd=fd), "--standby"], env=env, pass_fds=(fd,))
    web = [Child(f"web-{n}", web_command(fd=fd), env=env, pass_fds=(fd,), spare=spare) for n in range(1, count + 1)]
    return [*web, spare], sock


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
        web, sock = web_children(host=host, port=port, env=env)
        children = [
            *embedded_services(),
            Child("worker", worker_command(), env=env),
            Child("beat", beat_command(), env=env),
            *web,
        ]
        self._print_addresses(port)
        Supervisor(children).run()
        if sock is not None:
            sock.close()
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
