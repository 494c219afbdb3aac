"""Errors reach Sentry with their tags and without personal data: a local stand-in DSN over real HTTP."""

import gzip
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from django.test import Client

from asoud.accounts.models import User
from asoud.observability.sentry import sentry_init

pytestmark = pytest.mark.django_db


class SentryStandIn:
    """Sentry's envelope endpoint (POST /api/<project>/envelope/), keeping what it receives."""

    def __init__(self):
        self.envelopes: list[list[dict]] = []
        self.auth_headers: list[str] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                encoding = self.headers.get("Content-Encoding", "")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "deflate":
                    body = zlib.decompress(body)
                stand_in.auth_headers.append(self.headers.get("X-Sentry-Auth", ""))
                stand_in.envelopes.append([json.loads(line) for line in body.splitlines() if line.strip()])
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.dsn = f"http://public@127.0.0.1:{self.server.server_address[1]}/1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def events(self) -> list[dict]:
        return [item for envelope in self.envelopes for item in envelope if "exception" in item]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sentry(settings):
    settings.PUBLIC_SCHEMA_URLCONF = "asoud.observability.tests.urls"
    with SentryStandIn() as stand_in:
        sentry_init(dsn=stand_in.dsn, environment="test")
        yield stand_in
        sentry_sdk.flush(timeout=5)
        sentry_sdk.init(dsn=None)


def test_an_error_in_a_view_reaches_sentry_with_tags_and_without_personal_data(sentry):
    user = User.objects.create_user("09121110000")
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    client.force_login(user)
    client.cookies["tracking"] = "09121234567"
    response = client.get(
        "/ops-test/crash/?mobile=09121234567",
        HTTP_X_REQUEST_ID="req-sentry-1",
        HTTP_AUTHORIZATION="Bearer secret-api-token",
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)

    events = sentry.events()
    assert len(events) == 1, sentry.envelopes
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["tags"]["request_id"] == "req-sentry-1"
    assert event["tags"]["market_schema"] == "public"
    assert event["tags"]["user_id"] == str(user.pk)
    sent = json.dumps(sentry.envelopes)
    for secret in ("989121234567", "09121234567", "0012345678", "secret-api-token", "sessionid"):
        assert secret not in sent, secret
    assert "could not be matched" in sent  # the message itself still arrives, scrubbed
    assert "sentry_key=public" in sentry.auth_headers[0]


def test_an_error_on_a_market_host_is_tagged_with_the_market(sentry, settings):
    settings.ROOT_URLCONF = "asoud.observability.tests.urls"
    client = Client(HTTP_HOST="alpha.localhost", raise_request_exception=False)
    assert client.get("/ops-test/crash/").status_code == 500
    sentry_sdk.flush(timeout=5)
    (event,) = sentry.events()
    assert event["tags"]["market_schema"] == "alpha"
    assert "user_id" not in event["tags"]
