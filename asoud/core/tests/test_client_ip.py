"""Finding 4: a forged X-Forwarded-For never changes who the site thinks the visitor is."""

import random
import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from asoud.accounts.models import LoginAttempt
from asoud.core.http import client_ip
from asoud.core.testing import english

ROOT = Path(__file__).resolve().parents[3]


def _ip() -> str:
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.ASOUD_TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.7", "1.1.1.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_visitor(settings):
    settings.ASOUD_TRUSTED_PROXIES = ["172.16.0.0/12", "127.0.0.1/32"]
    # The client forged "1.1.1.1"; nginx (172.18.0.5) appended what it saw, a load balancer 127.0.0.1.
    assert client_ip(_request("127.0.0.1", "1.1.1.1, 198.51.100.4, 172.18.0.5")) == "198.51.100.4"
    assert client_ip(_request("172.18.0.5", "198.51.100.4")) == "198.51.100.4"
    assert client_ip(_request("172.18.0.5", "not-an-ip, 198.51.100.4")) == "198.51.100.4"
    assert client_ip(_request("172.18.0.5", "198.51.100.4, garbage")) == "172.18.0.5"
    assert client_ip(_request("172.18.0.5")) == "172.18.0.5"
    # A connection that does not come from a proxy cannot speak for anyone else.
    assert client_ip(_request("198.51.100.9", "1.1.1.1")) == "198.51.100.9"


@pytest.mark.django_db
def test_code_requests_are_recorded_and_limited_under_the_real_address(settings):
    settings.ASOUD_TRUSTED_PROXIES = ["127.0.0.1/32"]
    real = _ip()
    visitor = Client(HTTP_HOST="localhost", REMOTE_ADDR="127.0.0.1")
    statuses = []
    for n in range(11):
        mobile = f"0935{random.randint(0, 9_999_999):07d}"
        forged = f"{_ip()}, {real}"  # the client forges the left entry, nginx appends the real one
        response = english(visitor).post("/accounts/login/code/", {"phone": mobile}, HTTP_X_FORWARDED_FOR=forged)
        statuses.append(response.status_code)
        if n == 0:
            assert LoginAttempt.objects.filter(mobile__endswith=mobile[1:]).latest("id").ip == real
    assert statuses[:10] == [302] * 10
    assert statuses[10] != 302  # allauth's 10 requests a minute per address counted the real address


def test_the_asgi_server_never_rewrites_the_address_from_headers():
    """uvicorn would otherwise take X-Forwarded-For from any (or every) peer and hide the real one."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    devserver = (ROOT / "asoud/platform/management/commands/devserver.py").read_text()
    for command in (re.search(r'CMD \["sh", "-c", "exec uvicorn.*', dockerfile)[0], devserver):
        assert "--no-proxy-headers" in command
        assert "forwarded-allow-ips" not in command
    # `make run`'s web processes start uvicorn from Python (asoud.core.webserver).
    assert "proxy_headers=False" in (ROOT / "asoud/core/webserver.py").read_text()
    nginx = (ROOT / "deploy/nginx.conf").read_text()
    assert "X-Forwarded-For $remote_addr;" in nginx
    assert "$proxy_add_x_forwarded_for" not in nginx
