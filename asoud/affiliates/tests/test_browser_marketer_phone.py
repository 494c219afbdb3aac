"""The marketer's dashboard on a phone: each link is a card with the whole address, a copy button that
says it copied, names that wrap as words (issue 15, item 6)."""

import uuid

import pytest
from django.test import Client

from asoud.accounts.models import Profile, User
from asoud.affiliates.models import AffiliateLink, Marketer
from asoud.affiliates.services import marketer_join
from conftest import SCREENSHOTS
from storefront.orders.tests.helpers import committed
from tenants.models import Market

pytestmark = pytest.mark.django_db

TITLE = "زعفران سرگل ممتاز قائنات ۴ گرمی در بسته‌بندی خاتم"


def _marketer_with_a_link() -> dict:
    user = User.objects.create_user(f"+98935{uuid.uuid4().int % 10_000_000:07d}", name="Sara Ahmadi")
    Profile.objects.create(user=user, iban="IR062960000000100324200001", account_holder="Sara Ahmadi")
    marketer = marketer_join(user=user, handle=f"ph{uuid.uuid4().hex[:8]}", accept_terms=True)
    link = AffiliateLink.objects.create(
        marketer=marketer, market=Market.objects.get(slug="alpha"), product_id=10**9, title=TITLE,
        code=uuid.uuid4().hex[:8],
    )  # fmt: skip
    client = Client()
    client.force_login(user)
    return {"user": user, "link": link, "session": client.cookies["sessionid"].value}


def _remove(made) -> None:
    AffiliateLink.objects.filter(pk=made["link"].pk).delete()
    Marketer.objects.filter(user=made["user"]).delete()
    User.objects.filter(pk=made["user"].pk).delete()


@pytest.fixture
def marketer():
    made = committed(_marketer_with_a_link)
    yield made
    committed(_remove, made)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_links_on_a_phone_show_whole_and_copy(browser, live_server_url, marketer, language):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server_url)
    context.add_cookies([
        {"name": "sessionid", "value": marketer["session"], "url": live_server_url},
        {"name": "asoud_language", "value": language, "url": live_server_url},
    ])  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{live_server_url}/marketer/")
        card = page.get_by_test_id("link-card")
        field = card.locator("input.mp-code")
        address = field.input_value()
        assert address.endswith(f"/{marketer['link'].code}/") or marketer["link"].code in address
        assert field.bounding_box()["width"] > 180, "the link field is too narrow to read"
        copy = card.locator("[data-copy]")
        box = copy.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the copy button is cut off"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        title = card.locator(".mp-link-title .fw-semibold")
        assert title.bounding_box()["width"] > 200, "the product's name wraps one word a line"
        copy.click()
        assert page.evaluate("navigator.clipboard.readText()") == address
        assert "✓" in copy.inner_text()
        page.screenshot(path=str(SCREENSHOTS / f"marketer-links-phone-{language}.png"))
    finally:
        context.close()
