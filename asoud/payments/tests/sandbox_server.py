"""Fixtures: the Zarinpal sandbox emulator served over real HTTP by our own WSGI app in a thread.

The server thread has its own database connection, so it sees only committed rows (the platform
host's tenant rows from the session set-up); the emulator keeps its state in Redis, which both
sides share. Each test gets a fresh merchant code, so gateway state never leaks between tests.
"""

import re
import threading
import uuid
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
import requests
from django.core.handlers.wsgi import WSGIHandler


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def sandbox_server(django_db_setup):
    server = make_server("127.0.0.1", 0, WSGIHandler(), server_class=_ThreadingServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_port}"
    server.shutdown()
    server.server_close()


@dataclass
class Sandbox:
    """What a shopper does on the gateway's payment page, over HTTP."""

    base_url: str
    merchant_id: str

    def page(self, start_pay_url: str) -> requests.Response:
        return requests.get(start_pay_url, timeout=10)

    def pay(self, start_pay_url: str) -> str:
        return self._press(start_pay_url, "pay")

    def cancel(self, start_pay_url: str) -> str:
        return self._press(start_pay_url, "cancel")

    def _press(self, start_pay_url: str, action: str) -> str:
        page = self.page(start_pay_url)
        assert page.status_code == 200
        assert re.search(rf'<button[^>]*name="action" value="{action}"', page.text)
        response = requests.post(start_pay_url, data={"action": action}, allow_redirects=False, timeout=10)
        assert response.status_code == 302
        return response.headers["Location"]


def callback_params(location: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


@pytest.fixture
def zarinpal(sandbox_server, settings) -> Sandbox:
    settings.ASOUD_DEV_TOOLS = True
    settings.ZARINPAL_BASE_URL = f"{sandbox_server}/dev/zarinpal"
    settings.ZARINPAL_MERCHANT_ID = str(uuid.uuid4())
    return Sandbox(base_url=settings.ZARINPAL_BASE_URL, merchant_id=settings.ZARINPAL_MERCHANT_ID)
