"""Websocket message latency with up to 500 concurrent connections.

    .venv/bin/python bench/websocket_latency.py [--connections 1,100,500] [--messages 10] [--no-fanout]

1. Starts the real ASGI server as `make run` does (uvicorn, one process, development settings, the
   embedded PostgreSQL/Valkey whose URLs the settings export) on a free port.
2. Echo: for each connection count, opens that many `ws/ping/` sockets on the demo market at once
   (Host and Origin `demo.localhost`), then every socket sends `--messages` pings, each after a
   random pause of 0-200 ms, and waits for its pong. Latency = send to pong, on one clock.
3. Fan-out through the channel layer (Redis): one throw-away user signed in by a session cookie opens
   that many `ws/notifications/` sockets (the bell); the bench process itself calls the channel
   layer's `group_send` for the user's group, as `notifications.realtime.bell_push` does, and
   measures from the call to each socket receiving the new count.
   Both grow one set of sockets 1 → 100 → 500 and measure at each size, all sockets open at once.
4. Prints a table (p50/p99/max in ms; errors = failed connects + missing or late replies) and the
   server's errors (its log goes to a temporary file), then stops the server and deletes the bench
   user and its session.

The client runs in one asyncio process on the same machine, so its own work is part of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import math
import os
import random
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKET_HOST = "demo.localhost"
MOBILE_PREFIX = "0912999"  # bench users: 09129990000 … (deleted at the end)
REPLY_TIMEOUT = 10.0
RUN_BUDGET = 95.0  # seconds for all measurements together


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.development")
    import django

    django.setup()  # exports DATABASE_URL / REDIS_URL of the embedded servers for the child process


def fd_limit_raise(needed: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        soft = min(needed, hard) if hard != resource.RLIM_INFINITY else needed
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return soft


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_start(port: int, log) -> subprocess.Popen:
    import requests

    app = ["asoud.asgi:application"]
    command = [sys.executable, "-m", "uvicorn", *app, "--host", "127.0.0.1", "--port", str(port),
               "--lifespan", "off", "--no-access-log", "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline and process.poll() is None:
        try:
            response = requests.get(f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}, timeout=2)
            if response.status_code == 200:
                return process
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("the server did not start")


def users_create(count: int) -> list[tuple[int, str]]:
    """Throw-away users, each with a signed-in session; returns (user id, session key)."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    from asoud.accounts.models import User

    users_delete()
    result = []
    for index in range(count):
        user = User.objects.create_user(f"{MOBILE_PREFIX}{index:04d}", name=f"WS bench {index}")
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        result.append((user.pk, session.session_key))
    return result


def users_delete() -> None:
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.contrib.sessions.models import Session

    from asoud.accounts.models import User

    users = User.objects.filter(mobile__startswith="+98" + MOBILE_PREFIX[1:])
    ids = {str(pk) for pk in users.values_list("pk", flat=True)}
    if not ids:
        return
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") in ids:
            SessionStore(session.session_key).delete()
    users.delete()


def percentile(ordered: list[float], share: float) -> float:
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def row(label: str, count: int, messages: int, latencies: list[float], errors: int) -> str:
    if not latencies:
        return f"| {label} | {count} | {messages} | – | – | – | {errors} |"
    ordered = sorted(latencies)
    p50, p99, top = (percentile(ordered, 0.5) * 1000, percentile(ordered, 0.99) * 1000, ordered[-1] * 1000)
    return f"| {label} | {count} | {len(latencies)} | {p50:.1f} | {p99:.1f} | {top:.1f} | {errors} |"


async def open_many(port: int, path: str, count: int, headers: list[tuple[str, str]], deadline: float):
    """Opens up to `count` sockets, 50 handshakes at a time, none after `deadline`.
    Returns (sockets, failures, seconds, first error)."""
    from websockets.asyncio.client import connect

    gate = asyncio.Semaphore(50)

    async def one():
        async with gate:
            if time.perf_counter() > deadline:
                raise TimeoutError("time budget spent before this connection")
            return await connect(
                f"ws://{MARKET_HOST}:{port}{path}",
                host="127.0.0.1",
                port=port,
                origin=f"http://{MARKET_HOST}:{port}",
                additional_headers=headers,
                compression=None,
                ping_interval=None,
                open_timeout=30,
                max_queue=None,
            )

    started = time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(count)), return_exceptions=True)
    seconds = time.perf_counter() - started
    sockets = [result for result in results if not isinstance(result, BaseException)]
    failures = [result for result in results if isinstance(result, BaseException)]
    return sockets, len(failures), seconds, (repr(failures[0]) if failures else "")


async def close_many(sockets) -> None:
    """Closes 50 at a time: the server's group_discard per socket shares a 100-connection Redis pool."""
    for start in range(0, len(sockets), 50):
        await asyncio.gather(*(ws.close() for ws in sockets[start : start + 50]), return_exceptions=True)


async def echo_round(sockets, messages: int, why: collections.Counter) -> tuple[list[float], int]:
    """Every socket sends `messages` pings, 0-200 ms apart, each waiting for its pong."""
    latencies: list[float] = []

    async def client(ws) -> int:
        failed = 0
        for _ in range(messages):
            await asyncio.sleep(random.uniform(0, 0.2))
            sent = time.perf_counter()
            try:
                await ws.send(json.dumps({"ping": sent}))
                reply = json.loads(await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT))
                if reply.get("pong") != sent:
                    raise ValueError(f"unexpected reply {reply}")
                latencies.append(time.perf_counter() - sent)
            except Exception as error:
                why[type(error).__name__] += 1
                failed += 1
        return failed

    return latencies, sum(await asyncio.gather(*(client(ws) for ws in sockets)))


COUNT = re.compile(r'data-count="(\d+)"')


async def fanout_round(sockets, user_id: int, rounds: int, why: collections.Counter) -> tuple[list[float], int]:
    """`rounds` times: one group_send to the person's group, timed until each socket has the new count."""
    from channels.layers import get_channel_layer

    from asoud.notifications.realtime import user_group

    layer = get_channel_layer()
    latencies: list[float] = []

    async def receive(ws, marker: int, sent: float) -> bool:
        try:
            while True:
                match = COUNT.search(await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT))
                if match and int(match.group(1)) == marker:
                    latencies.append(time.perf_counter() - sent)
                    return True
        except Exception as error:
            why[type(error).__name__] += 1
            return False

    errors = 0
    for round_ in range(rounds):
        await asyncio.sleep(random.uniform(0.1, 0.3))
        marker = 1000 + round_
        sent = time.perf_counter()
        waiting = [asyncio.ensure_future(receive(ws, marker, sent)) for ws in sockets]
        await layer.group_send(user_group(user_id), {"type": "bell.update", "count": marker})
        errors += sum(not ok for ok in await asyncio.gather(*waiting))
    return latencies, errors


async def family(port: int, kind: str, counts: list[int], messages: int, deadline: float, session=None) -> list[str]:
    """Grows one set of sockets through `counts` (1 → 100 → 500) and measures at each size."""
    notes, sockets, errors, why = [], [], 0, collections.Counter()
    path = "/ws/ping/" if kind == "echo" else "/ws/notifications/"
    headers = [] if session is None else [("Cookie", f"sessionid={session[1]}"), ("Accept-Language", "en")]
    try:
        for count in counts:
            wanted = count - len(sockets)
            new, failed, seconds, first_error = await open_many(port, path, wanted, headers, deadline)
            if kind == "fanout":  # the bell sends the unread count once on connect
                for ws in list(new):
                    try:
                        await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT)
                    except Exception as error:
                        new.remove(ws)
                        failed += 1
                        first_error = first_error or repr(error)
            sockets += new
            errors += failed
            notes.append(
                f"{kind}: {len(new)} of {wanted} more sockets opened in {seconds:.1f} s"
                + (f", first failure: {first_error}" if failed else "")
            )
            if len(sockets) < count:
                notes.append(f"{kind}: only {len(sockets)} of {count} sockets open (failures or time budget)")
            if kind == "echo":
                latencies, failed = await echo_round(sockets, messages, why)
                label = "echo `ws/ping/`"
            else:
                latencies, failed = await fanout_round(sockets, session[0], messages, why)
                label = "fan-out bell (group_send)"
            print(row(label, len(sockets), messages, latencies, errors + failed), flush=True)
            if len(sockets) < count:
                break
    finally:
        closed = sum(ws.close_code is not None for ws in sockets)  # before we close them ourselves
        await close_many(sockets)
    if why or closed:
        reasons = ", ".join(f"{times} × {name}" for name, times in why.most_common())
        notes.append(f"{kind}: failed messages: {reasons}; sockets closed by the server: {closed}")
    return notes


async def run(port: int, counts: list[int], messages: int, session) -> None:
    started = time.perf_counter()
    warm = (await open_many(port, "/ws/ping/", 5, [], started + 30))[0]
    await echo_round(warm, 2, collections.Counter())  # warm-up: first connections, market look-up, imports
    await close_many(warm)
    print(f"\n{messages} messages per socket (pings 0-200 ms apart; fan-out rounds 100-300 ms apart)\n")
    print("| test | connections | messages | p50 ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    notes = await family(port, "echo", counts, messages, started + RUN_BUDGET * 0.35)
    if session is not None:
        notes += await family(port, "fanout", counts, messages, started + RUN_BUDGET * 0.9, session)
    print()
    for note in notes:
        print(f"- {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", default="1,100,500", help="comma-separated connection counts")
    parser.add_argument("--messages", type=int, default=10, help="messages per connection (fan-out rounds)")
    parser.add_argument("--no-fanout", action="store_true", help="only the echo measurement")
    args = parser.parse_args()
    counts = [int(value) for value in args.connections.split(",")]
    limit = fd_limit_raise(max(counts) * 2 + 256)  # both ends: the server inherits it
    print(f"open files limit: {limit}; server and client on this machine ({os.cpu_count()} cores)")
    django_setup()
    print()
    users = None if args.no_fanout else users_create(1)
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", prefix="websocket_latency-", suffix=".log", delete=False)  # noqa: SIM115
    server = server_start(port, log)
    try:
        asyncio.run(asyncio.wait_for(run(port, counts, args.messages, users and users[0]), RUN_BUDGET + 15))
    except TimeoutError:
        print(f"\nstopped: the run took longer than {RUN_BUDGET + 15:.0f} s")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if users is not None:
            users_delete()
        server_errors(log.name)


def server_errors(path: str) -> None:
    text = Path(path).read_text()
    errors = text.count("Exception in ASGI application")
    kinds = collections.Counter(re.findall(r"^(\w[\w.]*(?:Error|Exception)): (.*)$", text, re.MULTILINE))
    print(f"\nserver log {path}: {errors} 'Exception in ASGI application'")
    for (kind, message), times in kinds.most_common(5):
        print(f"- {times} × {kind}: {message[:100]}")


if __name__ == "__main__":
    main()
