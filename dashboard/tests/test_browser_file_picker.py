"""File pickers read in the page's language (issue 15, item 13): no browser "Choose File" on Persian
pages; choosing a file names it; at phone and desktop width."""

import re
from pathlib import Path

import pytest
from django.test import Client

from asoud.accounts.models import User
from conftest import screenshot
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db

OWNER = "+989130000001"
ROOT = Path(__file__).resolve().parents[2]


def owner_session() -> str:
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(mobile=OWNER))
    return client.cookies["sessionid"].value


def test_every_file_input_is_a_translated_picker():
    """Templates write file inputs only through includes/file_picker.html (crispy's too)."""
    raw = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r"type=\"file\"|type=\"{{ widget.data.type }}\"", path.read_text(encoding="utf-8"))
        and path.name != "file_picker.html"
    ]
    assert raw == []


def test_crispy_forms_render_the_picker(market_alpha):
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.create_user("+989350001122"))
    client.cookies["asoud_language"] = "fa"
    page = client.get("/support/new/").content.decode()
    assert 'class="file-picker-input" name="attachment"' in page and "file-picker-name" in page


@pytest.mark.parametrize("width", [390, 1366])
def test_the_verification_picker_speaks_persian(browser, live_server_url, market_alpha, width, tmp_path):
    shop = live_server_url.replace("localhost", "alpha.localhost")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")  # an English browser
    context.add_cookies([{"name": "sessionid", "value": committed(owner_session), "url": shop},
                         {"name": "asoud_language", "value": "fa", "url": shop}])  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(f"{shop}/dashboard/verification/")
        picker = page.locator(".file-picker").first
        assert picker.locator(".file-picker-button").inner_text() == "انتخاب فایل"
        assert picker.locator(".file-picker-name").inner_text() == "فایلی انتخاب نشده"
        field = picker.locator("input[type=file]")
        assert field.evaluate("el => getComputedStyle(el).opacity") == "0"  # the browser's own text is hidden
        box, cover = picker.bounding_box(), field.bounding_box()
        assert abs(box["width"] - cover["width"]) <= 2 and box["width"] <= width  # clicks anywhere reach it
        document = tmp_path / "licence.pdf"
        document.write_bytes(b"%PDF-1.4\n%%EOF\n")
        field.set_input_files(str(document))
        assert picker.locator(".file-picker-name").inner_text() == "licence.pdf"
        field.focus()
        assert picker.evaluate("el => getComputedStyle(el).boxShadow") != "none"  # a visible focus ring
        screenshot(page, f"file-picker-verification-fa-{width}")
        assert errors == []
    finally:
        context.close()
