"""Finding 10 in a real browser: no page of the platform, a storefront, the dashboard, the admin or
the development stand-ins breaks the Content-Security-Policy (no violation, no script error), in
Persian and in English.

The server runs in another process and sees only committed rows: the data is written and removed
by `committed(...)`.
"""

import uuid

import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from asoud.accounts.models import User
from storefront.cart.models import Cart
from storefront.cart.tests.factories import address_make, product_make
from storefront.catalog.models import Product, StockMovement
from storefront.orders.tests.helpers import cart_with, committed

pytestmark = pytest.mark.django_db

# Records what the browser reports; injected by the browser itself, so the policy does not apply.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def _session(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _seed(market) -> dict:
    staff = User.objects.create_superuser(f"+98938{uuid.uuid4().int % 10_000_000:07d}", password=uuid.uuid4().hex)
    shopper = User.objects.create_user(f"+98939{uuid.uuid4().int % 10_000_000:07d}", name="Sara")
    owner = User.objects.get(mobile="+989130000001")
    with tenant_context(market):
        product = product_make(title="Steel kettle", stock=5)
        cart_with(shopper, (product, 1))
    address_make(shopper)
    return {
        "product": product,
        "staff": staff,
        "shopper": shopper,
        "sessions": {"owner": _session(owner), "staff": _session(staff), "shopper": _session(shopper)},
    }


def _remove(market, data) -> None:
    with tenant_context(market):
        Cart.objects.filter(user_id=data["shopper"].pk).delete()
        StockMovement.objects.filter(product=data["product"]).delete()
        Product.objects.filter(pk=data["product"].pk).delete()
    User.objects.filter(pk__in=[data["staff"].pk, data["shopper"].pk]).delete()
    for key in data["sessions"].values():
        SessionStore(session_key=key).delete()


@pytest.fixture
def seeded(market_alpha):
    data = committed(_seed, market_alpha)
    yield data
    committed(_remove, market_alpha, data)


def _start_pay_url(server: str) -> str:
    """A payment opened on the Zarinpal emulator over HTTP, as the checkout would."""
    answer = requests.post(
        f"{server}/dev/zarinpal/pg/v4/payment/request.json",
        json={
            "merchant_id": str(uuid.uuid4()),
            "amount": 100_000,
            "callback_url": "http://alpha.localhost/checkout/callback/",
            "description": "CSP test",
        },
        timeout=10,
    ).json()
    return f"{server}/dev/zarinpal/pg/StartPay/{answer['data']['authority']}"


def _visit_all(browser, server, *, language, session, pages) -> list[str]:
    market = server.replace("localhost", "alpha.localhost")
    context = browser.new_context(locale="fa-IR" if language == "fa" else "en-US")
    cookies = [{"name": "asoud_language", "value": language, "url": url} for url in (server, market)]
    if session:
        cookies += [{"name": "sessionid", "value": session, "url": url} for url in (server, market)]
    context.add_cookies(cookies)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    try:
        for where, path in pages:
            url = (market if where == "market" else server) + path
            response = page.goto(url, wait_until="domcontentloaded")  # deferred scripts have run by then
            assert response is not None and response.status < 500, url
            problems += [f"{url}: {v}" for v in page.evaluate("window.__csp || []")]
            if path == "/accounts/login/code/":  # the code page runs an inline script (with the nonce)
                page.locator("input[name=phone]").fill(f"0935{uuid.uuid4().int % 10_000_000:07d}")
                page.get_by_test_id("request-code").click()
                page.wait_for_url("**/accounts/login/code/confirm/**")
                countdown = page.locator("#code-expiry .countdown")
                expect(countdown).not_to_have_text(countdown.inner_text(), timeout=5_000)  # the script runs
                problems += [f"{page.url}: {v}" for v in page.evaluate("window.__csp || []")]
            if where == "market" and path.startswith("/p/"):  # htmx under the policy: add to the cart in place
                page.get_by_test_id("add-to-cart").locator("button[type=submit]").click()
                page.locator("#mini-cart .mini-cart-count").wait_for()
                problems += [f"{url} (htmx): {v}" for v in page.evaluate("window.__csp || []")]
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("language", ["fa", "en"])
def test_no_page_breaks_the_content_security_policy(browser, live_server_url, seeded, language):
    product_path = seeded["product"].get_absolute_url()
    roles = {
        "owner": [("market", p) for p in ("/", "/products/", "/about/", "/dashboard/",
                  "/dashboard/products/", "/dashboard/products/new/", f"/dashboard/products/{seeded['product'].pk}/",
                  "/dashboard/settings/profile/", "/dashboard/analytics/",
                  "/dashboard/storefront/", "/dashboard/orders/", "/dashboard/inbox/", "/dashboard/categories/")]
        + [("platform", p) for p in ("/", "/search/", "/marketer/join/", "/wallet/", "/notifications/",
                                     "/support/", "/accounts/profile/")],
        "shopper": [("market", p) for p in (product_path, "/cart/", "/checkout/", "/orders/")],
        "staff": [("platform", p) for p in ("/admin/", "/admin/accounts/user/", "/admin/tenants/market/",
                                            f"/admin/accounts/user/{seeded['staff'].pk}/change/", "/dev/outbox/")],
        None: [("platform", "/accounts/login/code/"), ("platform", _start_pay_url(live_server_url)[len(live_server_url):])],
    }  # fmt: skip
    problems = []
    for role, pages in roles.items():
        session = seeded["sessions"][role] if role else None
        problems += _visit_all(browser, live_server_url, language=language, session=session, pages=pages)
    assert problems == []
