"""Test session: the embedded PostgreSQL and Valkey (started by the settings), two markets created
once per session, and a real Celery worker on demand."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django_tenants.utils import schema_context

ROOT = Path(__file__).resolve().parent

TEST_MARKETS = [
    {"slug": "alpha", "name": "Alpha Shop", "owner": "+989130000001", "theme": "classic"},
    {"slug": "beta", "name": "Beta Store", "owner": "+989130000002", "theme": "bazaar"},
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Public tenant, market template and two markets, kept for the whole session."""
    from asoud.accounts.models import User
    from tenants.models import Market
    from tenants.services import market_create, market_template_ensure, public_tenant_ensure

    with django_db_blocker.unblock():
        public_tenant_ensure()
        market_template_ensure()
        for spec in TEST_MARKETS:
            if not Market.objects.filter(slug=spec["slug"]).exists():
                # A flush (transaction=True test) of an earlier --reuse-db run removes the rows, not
                # the schemas: drop the orphan schema so the market can be created again.
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP SCHEMA IF EXISTS "{spec["slug"]}" CASCADE')
                owner, _ = User.objects.get_or_create(mobile=spec["owner"])
                market_create(
                    name=spec["name"],
                    slug=spec["slug"],
                    owner=owner,
                    theme=spec["theme"],
                    status=Market.Status.ACTIVE,
                    is_listed=True,
                )
        connection.set_schema_to_public()


@pytest.fixture
def market_alpha(db):
    from tenants.models import Market

    yield Market.objects.get(slug="alpha")
    connection.set_schema_to_public()


@pytest.fixture
def market_beta(db):
    from tenants.models import Market

    yield Market.objects.get(slug="beta")
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _public_schema_after_test():
    yield
    connection.set_schema_to_public()


@pytest.fixture
def alpha_client(client):
    client.defaults["HTTP_HOST"] = "alpha.localhost"
    return client


def test_database_url() -> str:
    """DATABASE_URL for subprocesses (Celery worker, web server) pointing at the test database."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


test_database_url.__test__ = False


def _celery_worker_start():
    """A real Celery worker process on the embedded broker, using the test database."""
    from django.conf import settings

    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "DJANGO_SETTINGS_MODULE": "asoud.settings.test",
    }
    queues = ",".join(settings.ASOUD_WORKER_QUEUES)
    command = [sys.executable, "-m", "celery", "-A", "asoud", "worker", "-l", "warning", "-Q", queues, "-c", "1", "-P", "solo"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    time.sleep(0.5)
    return process


@pytest.fixture(scope="session")
def _celery_worker(django_db_setup):
    holder = {"process": _celery_worker_start()}
    yield holder
    process = holder["process"]
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def celery_worker_process(_celery_worker):
    """The session's worker; started again if an earlier test's fault took it down."""
    if _celery_worker["process"].poll() is not None:
        _celery_worker["process"] = _celery_worker_start()
    return _celery_worker["process"]


__all__ = ["schema_context"]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server_url(django_db_setup):
    """The real ASGI server (as `make run` starts it) on a free port, using the test database."""
    import urllib.request

    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "DJANGO_SETTINGS_MODULE": "asoud.settings.test",
        "ASOUD_DEV_TOOLS": "1",
        # The server pays through its own Zarinpal emulator.
        "ZARINPAL_BASE_URL": f"http://localhost:{port}/dev/zarinpal",
        "PORT": str(port),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "asoud.asgi:application",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--no-access-log",
            "--no-proxy-headers",  # as `make run`: only Django decides whom to believe (ASOUD_TRUSTED_PROXIES)
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the test web server did not start") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. A missing browser is an error, never a skip."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # still synchronous and safe, so tell Django not to refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture(params=["phone", "desktop"])
def viewport(request):
    return {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}[request.param]


@pytest.fixture
def page(browser, live_server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


SCREENSHOTS = ROOT / ".data" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Keep a picture of what the user saw (look at them: they must look like a product)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
