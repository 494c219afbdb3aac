"""The key pages of each kind of user (shopper, market owner, marketer, staff) at phone and desktop
width, in Persian and English: zero console errors, zero failed requests, no response >= 400.

The server runs in another process and sees only committed rows: the people are written (and removed)
by `committed(...)`. Screenshots of each page land in .data/screenshots/ (clean-<who>-<page>-<lang>-<width>).
"""

import uuid

import pytest
from django.test import Client

from asoud.accounts.models import Profile, User
from asoud.accounts.testing import sign_in_staff
from asoud.affiliates.models import Marketer
from asoud.affiliates.services import marketer_join
from conftest import screenshot
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db

VALID_IBAN = "IR062960000000100324200001"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def _people() -> dict:
    tag = uuid.uuid4().hex[:8]
    marketer_user = User.objects.create_user(f"+98935{uuid.uuid4().int % 10_000_000:07d}", name="Sara Ahmadi")
    Profile.objects.create(user=marketer_user, iban=VALID_IBAN, account_holder="Sara Ahmadi")
    marketer_join(user=marketer_user, handle=f"cc{tag}", bio="Best picks", accept_terms=True)
    staff = User.objects.create_user(f"+98912{uuid.uuid4().int % 10_000_000:07d}", is_staff=True, is_superuser=True)
    owner = User.objects.get(mobile="+989130000001")

    def session(user) -> str:
        client = Client()
        if user.is_staff:
            sign_in_staff(client, user)  # staff pages ask for a second factor first
        else:
            client.force_login(user)
        return client.cookies["sessionid"].value

    return {"marketer": marketer_user, "staff": staff, "sessions": {
        "owner": session(owner), "marketer": session(marketer_user), "staff": session(staff)}}  # fmt: skip


def _remove(people) -> None:
    Marketer.objects.filter(user=people["marketer"]).delete()
    User.objects.filter(pk__in=[people["marketer"].pk, people["staff"].pk]).delete()


@pytest.fixture(scope="module")
def people(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        made = committed(_people)
    yield made
    with django_db_blocker.unblock():
        committed(_remove, made)


JOURNEYS = {
    "shopper": ("shop", None, ["/", "/products/", "/cart/"]),
    "owner": ("shop", "owner", ["/dashboard/", "/dashboard/products/", "/dashboard/products/new/",
                                "/dashboard/analytics/", "/dashboard/inbox/"]),
    "marketer": ("platform", "marketer", ["/", "/markets/", "/search/?q=tea", "/marketer/"]),
    "staff": ("platform", "staff", ["/admin/", "/admin/tenants/market/", "/staff/analytics/"]),
}  # fmt: skip


def _watch(page) -> list[str]:
    """Every console error, uncaught exception, failed request and error response of `page`."""
    seen: list[str] = []
    page.on("console", lambda message: message.type == "error" and seen.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: seen.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: seen.append(f"failed: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and seen.append(f"{response.status}: {response.url}"))
    return seen


@pytest.mark.parametrize("who", list(JOURNEYS))
def test_key_pages_have_a_clean_console(browser, live_server_url, people, who):
    host, signed_in, paths = JOURNEYS[who]
    base = live_server_url.replace("localhost", "alpha.localhost") if host == "shop" else live_server_url
    problems = []
    for language in ("fa", "en"):
        for size, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, locale="fa-IR")
            cookies = [{"name": "asoud_language", "value": language, "url": base},
                       {"name": "asoud_signin_checked", "value": "1", "url": base}]  # fmt: skip
            if signed_in:
                cookies.append({"name": "sessionid", "value": people["sessions"][signed_in], "url": base})
            context.add_cookies(cookies)
            page = context.new_page()
            page.set_default_timeout(20_000)
            seen = _watch(page)
            for path in paths:
                response = page.goto(f"{base}{path}")
                assert response.status == 200, f"{who} {path}: {response.status}"
                assert page.url.split("?")[0] == f"{base}{path}".split("?")[0], f"{who} {path}: sent to {page.url}"
                assert page.locator("html").get_attribute("lang") == language
                page.wait_for_load_state("networkidle")
                name = path.strip("/").replace("/", "-").split("?")[0] or "home"
                screenshot(page, f"clean-{who}-{name}-{language}-{size}")
                problems += [f"{language} {size} {path}: {problem}" for problem in seen]
                seen.clear()
            context.close()
    assert problems == []
