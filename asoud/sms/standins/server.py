"""A tiny HTTP server for the stand-ins: a WSGI app served from a background thread, so tests (and
`manage.py sms_standin`) exercise the real backends over real HTTP without leaving the machine."""

import contextlib
import json
import logging
import socket
import socketserver
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

logger = logging.getLogger("asoud.sms.standins")


@dataclass
class Request:
    method: str
    path: str
    headers: dict  # lower-case names
    query: dict  # name -> first value
    body: bytes

    @classmethod
    def from_environ(cls, environ: dict) -> "Request":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        headers = {
            key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        return cls(
            method=environ["REQUEST_METHOD"],
            path=environ.get("PATH_INFO", "/"),
            headers=headers,
            query=first_values(environ.get("QUERY_STRING", "")),
            body=environ["wsgi.input"].read(length) if length else b"",
        )

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def first_values(encoded: str) -> dict:
    return {name: values[0] for name, values in parse_qs(encoded, keep_blank_values=True).items()}


def respond(start_response, status: int, body: dict | str, content_type: str = "application/json; charset=utf-8"):
    payload = (json.dumps(body, ensure_ascii=False) if isinstance(body, dict) else body).encode()
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:  # providers use codes HTTP never named (Kavenegar's 418, 424, 431, …)
        reason = "Error"
    start_response(f"{status} {reason}", [("Content-Type", content_type)])
    return [payload]


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    """Logs at debug level, and lets an app hang up without answering: an app calls
    `environ["standin.drop_connection"]()` to cut the connection after it took a request, as a
    provider whose answer is lost on the way back does."""

    dropped = False

    def log_message(self, format, *args):
        logger.debug("%s %s", self.address_string(), format % args)

    def get_environ(self):
        environ = super().get_environ()
        environ["standin.drop_connection"] = self._drop_connection
        return environ

    def get_stderr(self):
        return _ErrorsUnlessDropped(self)

    def _drop_connection(self) -> None:
        self.dropped = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


class _ErrorsUnlessDropped:
    """wsgiref reports the failed write of a dropped connection: that one is on purpose."""

    def __init__(self, handler: _QuietHandler):
        self.handler = handler

    def write(self, text: str) -> None:
        if not self.handler.dropped:
            sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def drop_connection(environ, start_response):
    """Answer nothing: cut the connection (see `_QuietHandler`)."""
    environ["standin.drop_connection"]()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b""]


def broken_gateway(start_response):
    """The provider failing on its own side: a 500 with an HTML page where JSON was expected."""
    return respond(start_response, 500, "<html><body>Internal Server Error</body></html>", "text/html")


class DropsAnswers:
    """Mixed into a stand-in: while `drop_answers` is N > 0, the next N requests that send a message
    get no answer (the connection is cut), though the message stays sent."""

    drop_answers: int
    sent: list
    _lock: threading.Lock

    def dropped_answer(self, environ, start_response, *, taken_before: int):
        """The cut connection when this request added to `sent` and an answer is still to drop, else None."""
        if len(self.sent) <= taken_before:
            return None
        with self._lock:
            if self.drop_answers <= 0:
                return None
            self.drop_answers -= 1
        return drop_connection(environ, start_response)


class StandinServer:
    """Serve `app` on host:port (port 0: any free port) from a daemon thread.

    with StandinServer(SmsIrStandin(api_key="k")) as server:
        requests.post(server.url + "/v1/send/verify", ...)
    """

    def __init__(self, app, *, host: str = "127.0.0.1", port: int = 0):
        self.app = app
        self.httpd = make_server(host, port, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "StandinServer":
        # A short poll interval makes stop() quick, which adds up over many tests.
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=f"standin-{self.url}", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
        self.httpd.server_close()

    def __enter__(self) -> "StandinServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
