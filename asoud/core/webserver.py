"""One web process of `make run`: uvicorn on the supervisor's listening socket, warmed up first.

    python -m asoud.core.webserver --fd N [--standby]

The supervisor owns the socket (`asoud.core.supervisor.listening_socket`) and passes it to every
web process, so a process that is still starting leaves the requests to the others (or to the
socket's backlog). Before it takes its first request, the process loads the application (Django's
set-up) and imports every URLconf, which Django would otherwise do lazily inside the first request
(the dashboard's and the API's views, their forms and libraries): a restarted process must not make
its first visitor wait for that. With `--standby` (the supervisor's spare), the process loads and
warms up, then waits for a line on its stdin before it serves: when a web process dies, the spare
takes over at once. Imports nothing of ours; the URLconfs are named by the settings.
"""

from __future__ import annotations

import argparse
import logging
import socket
import sys
import time

logger = logging.getLogger("uvicorn.error")

APPLICATION = "asoud.asgi:application"


def warm_up() -> None:
    """Import what the first request would: every URLconf (views and what they import)."""
    from django.conf import settings
    from django.urls import get_resolver

    for urlconf in {settings.ROOT_URLCONF, getattr(settings, "PUBLIC_SCHEMA_URLCONF", settings.ROOT_URLCONF)}:
        get_resolver(urlconf).url_patterns  # noqa: B018  (imports the module and every include())


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fd", type=int, required=True, help="the listening socket inherited from the supervisor")
    parser.add_argument("--standby", action="store_true", help="serve only once a line arrives on stdin")
    args = parser.parse_args(argv)
    started = time.monotonic()
    # --no-proxy-headers, as before: Django believes X-Forwarded-For only from ASOUD_TRUSTED_PROXIES.
    config = uvicorn.Config(APPLICATION, fd=args.fd, lifespan="off", access_log=False, proxy_headers=False)
    config.load()  # imports the application: Django's set-up
    loaded = time.monotonic()
    warm_up()
    logger.info(
        "web process ready in %.1f s (application %.1f s, URLs %.1f s)",
        time.monotonic() - started,
        loaded - started,
        time.monotonic() - loaded,
    )
    if args.standby and not sys.stdin.readline():
        return  # the supervisor went away before it needed this spare
    # uvicorn treats an inherited descriptor as a Unix socket; a socket built from the descriptor
    # itself keeps its real family (TCP), so the client's address is read right.
    sock = socket.socket(fileno=args.fd)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
