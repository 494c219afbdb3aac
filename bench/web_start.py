"""Where a web process's start-up time goes (what `kill -9` of a web process of `make run` costs).

    .venv/bin/python bench/web_start.py [--runs 5]

Uses the fault bench's servers (`.data/bench-faults/`, started here if they are not running, and
stopped again at the end if so) and times, each in a fresh Python process, one step more each time:
the interpreter alone, importing uvicorn, `django.setup()`, importing the ASGI application
(`asoud.asgi`), and a whole web process as `make run` starts it (uvicorn on an inherited listening
socket) until it answers `/healthz`, then its first and second market page. Prints the median and
the range of each, in seconds. The supervisor's own part (noticing the death, the first restart
pause) is 0.1 s + 0.1 s by construction (`asoud.core.supervisor`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data" / "bench-faults"

STEPS = {
    "python": "pass",
    "import uvicorn": "import uvicorn",
    "django.setup()": "import django; django.setup()",
    "import asoud.asgi": "import asoud.asgi",
    "… and every URLconf (warm-up)": "from asoud.core.webserver import warm_up; import asoud.asgi; warm_up()",
}


def timed(code: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def get(port: int, host: str, path: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def web_process(env: dict) -> dict[str, float]:
    """A web process as `make run` starts it; the socket listens before it starts, as there."""
    from asoud.core.supervisor import listening_socket
    from asoud.platform.management.commands.devserver import web_command

    sock = listening_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    started = time.perf_counter()
    process = subprocess.Popen(
        web_command(fd=sock.fileno()), cwd=ROOT, env=env, pass_fds=(sock.fileno(),), stderr=subprocess.DEVNULL
    )
    try:
        status = get(port, "localhost", "/healthz")  # waits in the backlog until the process serves
        serves = time.perf_counter() - started
        assert status == 200, status
        first = time.perf_counter()
        assert get(port, "demo.localhost", "/") == 200
        second = time.perf_counter()
        assert get(port, "demo.localhost", "/") == 200
        return {
            "web process answers /healthz": serves,
            "its first market page": second - first,
            "its second market page": time.perf_counter() - second,
        }
    finally:
        process.terminate()
        process.wait(timeout=30)
        sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.update({"ASOUD_DATA_DIR": str(DATA_DIR), "DJANGO_SETTINGS_MODULE": "asoud.settings.development"})
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()  # finds (or starts) the bench's PostgreSQL and Valkey; their URLs are now in os.environ
    from asoud import embedded

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    times: dict[str, list[float]] = {}
    try:
        for _ in range(args.runs):
            for name, code in STEPS.items():
                times.setdefault(name, []).append(timed(code, env))
            for name, value in web_process(env).items():
                times.setdefault(name, []).append(value)
    finally:
        embedded.stop_started()
    load = os.getloadavg()
    print(f"\n{args.runs} runs, {os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n")
    print("| step (each in a new process) | median | min – max |")
    print("|---|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} s | {min(values):.2f} – {max(values):.2f} s |")


if __name__ == "__main__":
    main()
