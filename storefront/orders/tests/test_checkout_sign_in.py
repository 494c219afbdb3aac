"""Signing in from a market's checkout (issue 15, item 14): the platform's sign-in wears the market's
colours and name, says what waits in the cart, and leads back to the checkout."""

from urllib.parse import parse_qs, urlsplit

import pytest

from asoud.accounts.handoff import cart_note_sign
from storefront.cart.tests.conftest import market_client
from storefront.cart.tests.factories import product_make
from storefront.themes.registry import theme_get

pytestmark = pytest.mark.django_db


def _follow_to_sign_in(language: str):
    """An anonymous shopper with two kettles in the cart presses "Checkout"."""
    shop = market_client("alpha.localhost", language=language)
    kettle = product_make(title="Steel kettle", price=1_850_000)
    shop.post("/cart/add/", {"product": kettle.pk, "quantity": 2})
    to_login = shop.get("/checkout/")
    assert to_login.status_code == 302 and to_login["Location"].startswith("/accounts/login/?")
    to_platform = shop.get(to_login["Location"])["Location"]
    platform = market_client("localhost", language=language)
    start = urlsplit(to_platform)
    login = platform.get(start.path, {k: v[0] for k, v in parse_qs(start.query).items()})["Location"]
    return platform.get(login)


def test_the_sign_in_page_wears_the_market_look_and_names_the_cart(in_alpha):
    page = _follow_to_sign_in("en")
    html = page.content.decode()
    text = html.replace("\u2068", "").replace("\u2069", "")
    assert page.status_code == 200
    assert 'data-testid="market-header"' in html and "signing-in-for-market" in html
    assert f"--asoud-primary:{theme_get(in_alpha.theme).colors['primary']}" in html  # the market's colours
    assert "In your cart: 2 items, 370,000 Toman" in text
    assert "Sign in to finish your order at Alpha Shop." in text
    assert 'href="http://alpha.localhost/checkout/"' in html  # back to the checkout


def test_in_persian_the_cart_note_has_persian_digits(in_alpha):
    text = _follow_to_sign_in("fa").content.decode()
    assert "۳۷۰٬۰۰۰ تومان" in text and "۲" in text


def test_a_forged_cart_note_is_not_shown(in_alpha):
    platform = market_client("localhost")
    forged = cart_note_sign(items=1, total=10)[:-3] + "abc"
    start = "/accounts/handoff/start/?" + "&".join(["next=http://alpha.localhost/checkout/", f"cart={forged}"])
    page = platform.get("/accounts/login/code/", {"next": start}).content.decode()
    assert 'data-testid="signing-in-for"' in page and 'data-testid="cart-note"' not in page
