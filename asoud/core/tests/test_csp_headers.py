"""Finding 10: every page carries a Content-Security-Policy; inline scripts run only with its nonce."""

import json
import logging
import random
import re

import pytest
from django.test import Client

from asoud.accounts.models import User
from asoud.core.testing import english

pytestmark = pytest.mark.django_db

PLATFORM_PAGES = ["/", "/search/", "/markets/", "/accounts/login/code/", "/accounts/profile/", "/marketer/join/",
                  "/wallet/", "/notifications/", "/support/", "/admin/", "/admin/accounts/user/", "/no/such/page/"]  # fmt: skip
MARKET_PAGES = ["/", "/products/", "/cart/", "/about/", "/orders/", "/dashboard/", "/dashboard/products/",
                "/dashboard/products/new/", "/dashboard/settings/profile/", "/dashboard/analytics/",
                "/dashboard/storefront/", "/dashboard/orders/", "/dashboard/inbox/", "/no/such/page/"]  # fmt: skip


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def staff_owner(market_alpha):
    owner = User.objects.get(mobile="+989130000001")
    User.objects.filter(pk=owner.pk).update(is_staff=True, is_superuser=True)
    owner.refresh_from_db()
    return owner


@pytest.mark.parametrize(("host", "paths"), [("localhost", PLATFORM_PAGES), ("alpha.localhost", MARKET_PAGES)])
def test_every_page_carries_the_policy(staff_owner, host, paths):
    client = Client(HTTP_HOST=host)
    client.force_login(staff_owner)
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 302, 404), (path, response.status_code)
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], path
        script = directives["script-src"]
        assert script[0] == "'self'", path
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, path
        assert all(source.startswith("'nonce-") for source in script[1:]), path  # only pages that need one
        assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'self'"]


def test_inline_scripts_carry_the_responses_nonce():
    """The code-entry page keeps a small inline script (its countdown): it runs by the response's nonce."""
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR=f"10.77.{random.randint(0, 255)}.{random.randint(1, 254)}")
    mobile = f"0935{random.randint(1_000_000, 9_999_999)}"
    english(client).post("/accounts/login/code/", {"phone": mobile})
    response = client.get("/accounts/login/code/confirm/")
    assert response.status_code == 200
    nonce = next(s for s in policy(response)["script-src"] if s.startswith("'nonce-"))[7:-1]
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    assert inline, "the page has an inline script"
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline)
    assert not re.search(r"\son[a-z]+=", response.text)  # no inline event handlers
    # Each response has a nonce of its own.
    assert nonce not in policy(client.get("/accounts/login/code/confirm/"))["script-src"][1]


def test_report_only_mode_is_switched_by_a_setting(settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = Client(HTTP_HOST="localhost").get("/")
    assert "Content-Security-Policy" not in response
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_violation_reports_are_logged(caplog):
    report = {
        "csp-report": {
            "document-uri": "http://alpha.localhost/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
        }
    }
    with caplog.at_level(logging.WARNING, logger="asoud.csp"):
        response = Client(HTTP_HOST="alpha.localhost").post(
            "/csp-report/", data=json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    record = next(r for r in caplog.records if r.name == "asoud.csp")
    assert record.csp["violated-directive"] == "script-src-elem" and record.csp["blocked-uri"] == "inline"
    bad = Client(HTTP_HOST="localhost").post("/csp-report/", data="not json", content_type="application/csp-report")
    assert bad.status_code == 400
