"""Signing in from a market's checkout in a real browser (issue 15, item 14), phone and desktop, in
Persian: the sign-in page wears the market's colours and name, says what is in the cart, and the
code sign-in returns the shopper to the checkout, signed in on the market."""

import re

import pytest

from asoud.accounts.tests.test_browser_login import _number, read_code
from conftest import screenshot
from storefront.cart.tests.test_browser_add_feedback import samovar  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("width", [390, 1366])
def test_checkout_sign_in_keeps_the_market_look_and_returns(browser, live_server_url, samovar, width):  # noqa: F811
    shop = live_server_url.replace("localhost", "alpha.localhost")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fa-IR")
    context.add_cookies([{"name": "asoud_language", "value": "fa", "url": shop}])
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{shop}/p/{samovar.slug}/")
        page.locator(".add-to-cart-button").click()
        page.locator("#messages .alert-success").wait_for()
        page.goto(f"{shop}/checkout/")
        page.wait_for_url(re.compile(r"/accounts/login/code/"))
        header = page.locator('[data-testid="market-header"]')
        assert "Alpha Shop" in header.inner_text()
        primary = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--asoud-primary')")
        assert primary.strip().lower() != "#0d6efd"  # the market's colour, not the platform's
        assert "۴٬۵۰۰٬۰۰۰ تومان" in page.locator('[data-testid="cart-note"]').inner_text()
        screenshot(page, f"checkout-sign-in-fa-{width}")
        mobile = _number()
        page.locator("input[name=phone]").fill(mobile)
        page.get_by_test_id("request-code").click()
        page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
        page.locator("input[name=code]").fill(read_code(page, live_server_url, mobile))
        page.get_by_test_id("confirm-code").click()
        page.wait_for_url(re.compile(r"alpha\.localhost:\d+/checkout/"))
        assert errors == []
    finally:
        context.close()
