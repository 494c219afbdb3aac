"""Fault benchmark: `make run`'s stack under load while each of its services is killed in turn.

    .venv/bin/python bench/faults.py [--port 8765] [--faults worker,beat,web,valkey,postgres] [--web-concurrency N]

Starts its own stack (`manage.py devserver`, the supervisor of `make run`) with its own embedded
PostgreSQL and Valkey under `.data/bench-faults/` (migrated and seeded on the first run only), then
for each service: puts load on three pages (a bounded Python loop of 4 threads on loopback), queues
sign-in codes through the real SMS service (one every 0.2 s), kills the service with SIGKILL, and
measures:
- requests: how many were made; 503: friendly refusals while a dependency was down; failed: any
  other answer (a 500, a 400, or no answer at all: connection refused while the web server
  restarts, counted in "no answer" too; a refused thread waits 0.1 s before trying again);
- recovery: from the kill until the service runs again and `/healthz` and a market page answer 200;
- web ready: for the web server, from the kill until the new process has loaded the application,
  imported its URLs and serves the shared socket (its "Started server process [pid]" line); the
  other web processes (and the socket's backlog) answer meanwhile, so the site recovers sooner;
- codes: sign-in codes the service accepted (committed rows); lost: still not sent 60 s later;
  duplicated: taken by two workers (the provider may have sent it twice); load: the machine's
  one-minute load average when the service was killed.
Prints a Markdown table (README "Reliability").
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data" / "bench-faults"
PAGES = [("localhost", "/"), ("demo.localhost", "/"), ("localhost", "/healthz")]
LOAD_THREADS = 4
BEFORE_KILL = 2.0
AFTER_RECOVERY = 3.0
RECOVERY_LIMIT = 60.0
DELIVERY_LIMIT = 60.0


@dataclass
class Window:
    statuses: Counter = field(default_factory=Counter)
    codes: list[int] = field(default_factory=list)
    refused_codes: int = 0


class Stack:
    def __init__(self, port: int, web_concurrency: int | None = None):
        self.port = port
        self.web_concurrency = web_concurrency
        self.log_path = DATA_DIR / "devserver.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(
            {
                "ASOUD_DATA_DIR": str(DATA_DIR),
                "DJANGO_SETTINGS_MODULE": "asoud.settings.development",
                "PORT": str(self.port),
            }
        )
        if self.web_concurrency:
            env["WEB_CONCURRENCY"] = str(self.web_concurrency)
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "devserver", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        if not wait(lambda: self.get("localhost", "/healthz") == 200, 600):
            raise SystemExit(f"the stack did not start; see {self.log_path}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)

    def get(self, host: str, path: str) -> int:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0  # no answer

    def child_pid(self, name: str) -> int | None:
        found = re.findall(rf"{name} started \(pid (\d+)\)", self.log_path.read_text())
        return int(found[-1]) if found else None

    def web_ready(self, pid: int) -> bool:
        return f"Started server process [{pid}]" in self.log_path.read_text()  # loaded and warmed up

    def pid(self, service: str) -> int | None:
        if service == "web":
            return self.child_pid("web-1")  # one of the WEB_CONCURRENCY web processes
        if service in ("worker", "beat"):
            return self.child_pid(service)
        if service == "valkey":
            import redis

            port = int((DATA_DIR / "valkey" / "port").read_text())
            try:
                return redis.Redis(port=port, socket_connect_timeout=1).info()["process_id"]
            except redis.RedisError:
                return None
        pid_file = DATA_DIR / "postgres" / "postmaster.pid"
        try:
            return int(pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def healthy(self) -> bool:
        return self.get("localhost", "/healthz") == 200 and self.get("demo.localhost", "/") == 200


def alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait(predicate, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def load(stack: Stack, window: Window, stop: threading.Event) -> None:
    index = 0
    while not stop.is_set():
        host, path = PAGES[index % len(PAGES)]
        status = stack.get(host, path)
        window.statuses[status] += 1
        index += 1
        if status == 0:
            time.sleep(0.1)  # refused: a client would not hammer a closed port either


def produce_codes(window: Window, stop: threading.Event, offset: int) -> None:
    from django.db import connection

    from asoud.sms.services import sms_send_otp

    number = 0
    while not stop.is_set():
        number += 1
        try:
            message = sms_send_otp(to=f"0912{offset:03d}{number:04d}", code=f"{number:06d}")
            window.codes.append(message.pk)
        except Exception:  # the database is down: the visitor was told so, nothing was promised
            window.refused_codes += 1
            connection.close()
        time.sleep(0.2)
    connection.close()


def delivery(codes: list[int]) -> tuple[int, int]:
    from django.db import connection

    from asoud.sms.models import SmsMessage

    def unsent() -> int:
        try:
            return SmsMessage.objects.filter(pk__in=codes).exclude(status=SmsMessage.Status.SENT).count()
        except Exception:
            connection.close()
            return len(codes)

    wait(lambda: unsent() == 0, DELIVERY_LIMIT, interval=0.5)
    lost = unsent()
    duplicated = SmsMessage.objects.filter(pk__in=codes, attempts__gt=1).count()
    return lost, duplicated


def run_fault(stack: Stack, service: str, offset: int) -> dict:
    window, stop = Window(), threading.Event()
    threads = [threading.Thread(target=load, args=(stack, window, stop)) for _ in range(LOAD_THREADS)]
    threads.append(threading.Thread(target=produce_codes, args=(window, stop, offset)))
    for thread in threads:
        thread.start()
    time.sleep(BEFORE_KILL)
    victim = stack.pid(service)
    load_average = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    healed = wait(
        lambda: (pid := stack.pid(service)) is not None and pid != victim and alive(pid) and stack.healthy(),
        RECOVERY_LIMIT,
    )
    recovery = time.monotonic() - killed_at if healed else None
    ready = None
    if service == "web" and wait(
        lambda: (pid := stack.pid(service)) != victim and stack.web_ready(pid), RECOVERY_LIMIT
    ):
        ready = time.monotonic() - killed_at
    time.sleep(AFTER_RECOVERY)
    stop.set()
    for thread in threads:
        thread.join()
    lost, duplicated = delivery(window.codes)
    statuses = window.statuses
    return {
        "fault": f"kill -9 {service}",
        "requests": sum(statuses.values()),
        "503": statuses[503],
        "failed": sum(count for status, count in statuses.items() if status not in (200, 503)),
        "no answer": statuses[0],
        "http 500": statuses[500],
        "recovery": f"{recovery:.1f} s" if recovery is not None else f"> {RECOVERY_LIMIT:.0f} s",
        "web ready": f"{ready:.1f} s" if ready is not None else "",
        "codes": len(window.codes),
        "lost": lost,
        "duplicated": duplicated,
        "load": f"{load_average:.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--faults", default="worker,beat,web,valkey,postgres")
    parser.add_argument("--web-concurrency", type=int, help="web processes (default: WEB_CONCURRENCY or the CPU count)")
    args = parser.parse_args()
    stack = Stack(args.port, args.web_concurrency)
    print(f"starting the stack on port {args.port} (log: {stack.log_path}) …", flush=True)
    stack.start()
    try:
        # The bench's own Django finds the stack's running servers (it starts none of its own).
        os.environ.update({"ASOUD_DATA_DIR": str(DATA_DIR), "DJANGO_SETTINGS_MODULE": "asoud.settings.development"})
        for name in ("DATABASE_URL", "REDIS_URL"):
            os.environ.pop(name, None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        rows = []
        for offset, service in enumerate(args.faults.split(",")):
            wait(stack.healthy, RECOVERY_LIMIT)
            print(f"killing {service} …", flush=True)
            rows.append(run_fault(stack, service, offset))
            print(rows[-1], flush=True)
    finally:
        stack.stop()
    columns = list(rows[0])
    print("\n| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(str(row[column]) for column in columns) + " |")


if __name__ == "__main__":
    main()
