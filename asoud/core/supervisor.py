"""A small process supervisor for `make run`: a child that dies is restarted, never the others.

Three kinds of children:
- `Command`: a process we start and own (web server, Celery worker, Celery beat). It runs in a
  session of its own, so a Ctrl-C in the terminal reaches the supervisor only, which then stops the
  children in reverse order (TERM, then KILL after a grace period, to the whole process group).
- `Spare`: a `Command` started ahead of need that waits on its stdin; a Command given that spare
  takes the spare's process over when it has to start again (a web process loaded and warmed up
  replaces a killed one at once), and the next spare is started;
- `Service`: a server that is started elsewhere and only watched (the embedded PostgreSQL and
  Valkey): `alive()` is polled, `restart()` brings it back.

A dead child is logged and restarted after a pause that doubles on every quick death (0.1 s up to
10 s) and starts over once the child has stayed up for a minute. SIGINT and SIGTERM stop everything
started, including what was restarted. Imports nothing of Django: the tests drive it with
throw-away children.

The web server's listening socket belongs to the supervisor (`listening_socket`), as with gunicorn's
arbiter or systemd's socket activation: every web process serves the one inherited socket
(`pass_fds`), so while a killed web process restarts, the others answer, and connections that
arrive meanwhile wait in the socket's backlog instead of being refused.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

logger = logging.getLogger("asoud.supervisor")

BACKOFF_FIRST = 0.1
BACKOFF_MAX = 10.0
STABLE_AFTER = 60.0  # seconds up after which a death counts as the first one again
STOP_GRACE = 10.0
SERVICE_POLL = 0.5  # servers are asked (pid file, PING) at most this often; processes at every poll
LISTEN_BACKLOG = 2048


def listening_socket(host: str, port: int, *, backlog: int = LISTEN_BACKLOG) -> socket.socket:
    """A TCP socket bound and listening, inheritable by the children it is passed to."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


@dataclass
class Command:
    name: str
    argv: Sequence[str]
    env: dict[str, str] | None = None
    pass_fds: Sequence[int] = ()  # e.g. the web server's listening socket
    spare: Spare | None = None  # a process started ahead, taken over instead of starting one
    process: subprocess.Popen | None = field(default=None, init=False)

    def start(self) -> None:
        handed = self.spare.hand_over() if self.spare is not None else None
        if handed is not None:
            self.process = handed
            logger.info("%s started (pid %s): the spare took over", self.name, handed.pid)
            return
        self.process = self._popen()
        logger.info("%s started (pid %s)", self.name, self.process.pid)

    def _popen(self, **kwargs) -> subprocess.Popen:
        return subprocess.Popen(
            list(self.argv), env=self.env, start_new_session=True, pass_fds=tuple(self.pass_fds), **kwargs
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def exit_description(self) -> str:
        code = self.process.returncode if self.process else None
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exited with code {code}"

    def signal(self, signum: int) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):  # the child's own children (pool processes) too
            os.killpg(self.process.pid, signum)

    def stop(self, grace: float = STOP_GRACE) -> None:
        if self.process is None:
            return
        self.signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            logger.warning("%s did not stop within %.0f s: killed", self.name, grace)
        # Whatever is left of its process group (a worker's pool processes) goes too.
        self.signal(signal.SIGKILL)
        self.process.wait()


@dataclass
class Spare(Command):
    """A process started ahead of need that waits on its stdin (`serve`) before it does its work: a
    Command that dies is replaced by it at once instead of by a process that still has to load
    everything; the supervisor then starts the next spare (a spare that dies is restarted too)."""

    handed_over: bool = field(default=False, init=False)

    def start(self) -> None:
        self.handed_over = False
        self.process = self._popen(stdin=subprocess.PIPE)
        logger.info("%s started (pid %s)", self.name, self.process.pid)

    def hand_over(self) -> subprocess.Popen | None:
        if not self.alive():
            return None
        process, self.process = self.process, None
        try:
            process.stdin.write(b"serve\n")
            process.stdin.close()
        except OSError:  # it died in between
            return None
        self.handed_over = True
        return process


@dataclass
class Service:
    name: str
    alive: Callable[[], bool]
    restart: Callable[[], None]
    stop: Callable[[], None] = lambda: None
    # A server is what everything else waits for: knock often (PostgreSQL refuses to start while the
    # backends of the killed one are still exiting, a second or two).
    max_backoff: float = 2.0

    def start(self) -> None:
        if not self.alive():
            self.restart()

    def exit_description(self) -> str:
        return "stopped answering"


@dataclass
class _Watch:
    child: Command | Service
    started_at: float = 0.0
    backoff: float = BACKOFF_FIRST
    restart_at: float | None = None
    restarts: int = 0
    checked_at: float = 0.0


class Supervisor:
    def __init__(self, children: Sequence[Command | Service], *, poll: float = 0.1) -> None:
        self.watches = [_Watch(child) for child in children]
        self.poll = poll
        self.stopping = False

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            for watch in self.watches:
                self._start(watch)
            while not self.stopping:
                self._check()
                time.sleep(self.poll)
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 0

    def _request_stop(self, signum, _frame) -> None:
        if not self.stopping:
            logger.info("%s received: stopping every child", signal.Signals(signum).name)
        self.stopping = True

    def _start(self, watch: _Watch) -> None:
        try:
            watch.child.start()
        except Exception as error:  # a service that cannot start yet (port or lock still held)
            logger.warning("%s could not start: %s; trying again in %.1f s", watch.child.name, error, watch.backoff)
            self._schedule(watch)
            return
        watch.started_at = time.monotonic()
        watch.restart_at = None

    def _schedule(self, watch: _Watch) -> None:
        watch.restart_at = time.monotonic() + watch.backoff
        watch.backoff = min(watch.backoff * 2, getattr(watch.child, "max_backoff", BACKOFF_MAX))

    def _check(self) -> None:
        now = time.monotonic()
        for watch in self.watches:
            if self.stopping:
                return
            if watch.restart_at is not None:
                if now >= watch.restart_at:
                    watch.restarts += 1
                    logger.warning("restarting %s (restart #%d)", watch.child.name, watch.restarts)
                    self._start(watch)
                continue
            if isinstance(watch.child, Service):
                if now - watch.checked_at < SERVICE_POLL:
                    continue
                watch.checked_at = now
            if self._alive(watch.child):
                continue
            if isinstance(watch.child, Spare) and watch.child.handed_over:
                logger.info("%s took over; starting the next spare", watch.child.name)
                self._start(watch)
                continue
            if isinstance(watch.child, Command):
                watch.child.signal(signal.SIGKILL)  # orphans of the dead child (pool processes)
            if now - watch.started_at >= STABLE_AFTER:
                watch.backoff = BACKOFF_FIRST
            logger.error("%s %s; restarting in %.1f s", watch.child.name, watch.child.exit_description(), watch.backoff)
            self._schedule(watch)

    @staticmethod
    def _alive(child: Command | Service) -> bool:
        try:
            return child.alive()
        except Exception:  # a check that breaks says nothing good about the child
            logger.exception("checking %s failed", child.name)
            return False

    def _stop_all(self) -> None:
        # Commands first (newest first: web before the worker), then the services they use.
        for watch in reversed(self.watches):
            if isinstance(watch.child, Command):
                watch.child.stop()
                logger.info("%s stopped", watch.child.name)
        for watch in reversed(self.watches):
            if isinstance(watch.child, Service):
                watch.child.stop()
