"""The documentation pages in a real browser, offline: Swagger UI lists the operations and "Try it
out" signs in (a code is sent), ReDoc renders."""

import json
import random
import re

import pytest

from asoud.sms.models import SmsMessage
from conftest import SCREENSHOTS, screenshot

pytestmark = pytest.mark.django_db


def test_swagger_try_it_out_sends_a_sign_in_code_and_redoc_renders(browser, live_server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    # Offline: anything not from this server fails, and the pages must still work.
    context.route(re.compile(r"^https?://(?!localhost[:/])"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server_url) else None)
    page.goto(f"{live_server_url}/api/v1/docs/")
    page.locator(".opblock").first.wait_for()
    operation = page.locator("#operations-auth-auth_code_create")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    phone = f"+98916{random.randint(1_000_000, 9_999_999)}"
    operation.locator("textarea.body-param__text").fill(json.dumps({"phone": phone}))
    operation.get_by_role("button", name="Execute").click()
    operation.locator(".responses-table .response .response-col_status").first.wait_for()
    assert re.search(r"\b200\b", operation.locator(".live-responses-table").inner_text())
    assert SmsMessage.objects.filter(recipient=phone).exists()
    screenshot(page, "api-swagger-try-it-out")

    page.goto(f"{live_server_url}/api/v1/redoc/")
    page.get_by_role("heading", name="Send a sign-in code by SMS").first.wait_for()
    # ReDoc is one page as tall as the whole API (thousands of screens): keep what the reader sees first.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-redoc.png"))
    # The one thing anything tries to fetch elsewhere: ReDoc's bundle shows Redocly's logo from its CDN
    # (hidden when it fails to load, as here and under the CSP's img-src 'self').
    elsewhere = {url for url in outside if not url.startswith(("data:", "blob:"))}
    assert elsewhere <= {"https://cdn.redoc.ly/redoc/logo-mini.svg"}
    context.close()
