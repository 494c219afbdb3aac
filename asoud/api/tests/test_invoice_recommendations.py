"""Order detail's signed invoice link (the web's invoice page, opened without a session) and the
product detail's recommendations (the storefront's selectors)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client, override_settings

from asoud.core.testing import english
from storefront.analytics.services import recommendations_compute
from storefront.analytics.services.recommendations import recommendations_forget
from storefront.analytics.tests.data import known_day
from storefront.cart.tests.factories import product_make, shopper_make
from storefront.orders.models import ShippingMethod
from storefront.orders.services import shipping_method_create
from storefront.orders.tests.helpers import place

from .conftest import api_client, inside

pytestmark = pytest.mark.django_db
A = "/api/v1/markets/alpha"


@pytest.fixture
def order(market_alpha, shopper):
    with inside(market_alpha):
        method = shipping_method_create(name="Post", kind=ShippingMethod.Kind.FLAT, cost=450_000)
        return place(shopper, (product_make(title="Steel kettle", price=2_000_000, sku="KT-9"), 2), method=method)


def _browser_get(url: str):
    """What a phone's browser does with the link: no session cookie, the market's host."""
    parts = urlsplit(url)
    return english(Client(HTTP_HOST=parts.hostname)).get(f"{parts.path}?{parts.query}")


def test_order_detail_links_to_the_web_invoice_which_opens_without_a_session(shopper, order):
    detail = api_client(user=shopper).get(f"{A}/orders/{order.number}/").json()
    url = detail["invoice_url"]
    assert url.startswith(f"http://alpha.localhost/orders/{order.number}/invoice/?signature=")
    page = _browser_get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert 'id="invoice-total">445,000 Toman' in html and "KT-9" in html  # 2 × 200,000 + 45,000
    # The web page without the signature still asks for a sign-in, as before.
    assert Client(HTTP_HOST="alpha.localhost").get(f"/orders/{order.number}/invoice/").status_code == 302


def test_a_tampered_expired_or_misplaced_invoice_link_is_refused(shopper, order, market_beta):
    url = api_client(user=shopper).get(f"{A}/orders/{order.number}/").json()["invoice_url"]
    signature = parse_qs(urlsplit(url).query)["signature"][0]
    payload, _rest = signature.split(":", 1)
    forged = url.replace(payload, payload[:-1] + ("A" if payload[-1] != "A" else "B"))
    assert forged != url and _browser_get(forged).status_code == 404
    other_market = url.replace("alpha.localhost", "beta.localhost")
    assert _browser_get(other_market).status_code == 404
    with override_settings(ORDERS_INVOICE_LINK_SECONDS=-1):
        assert _browser_get(url).status_code == 404
    # The link opens only the order it was signed for.
    assert _browser_get(url.replace(f"/orders/{order.number}/", "/orders/999999/")).status_code == 404


def test_product_detail_carries_the_storefront_recommendations(market_alpha):
    with inside(market_alpha):
        data = known_day()
        recommendations_compute()
        recommendations_forget([data.green.pk, data.mug.pk])
    shopper = api_client(user=shopper_make())
    green = shopper.get(f"{A}/products/{data.green.slug}/").json()
    assert [p["title"] for p in green["bought_together"]] == ["Teapot"]
    assert [p["title"] for p in green["similar"]] == ["Black tea"]
    assert green["bought_together"][0]["price"]["unit"]["rials"] == 3_000_000
    mug = shopper.get(f"{A}/products/{data.mug.slug}/").json()
    assert mug["bought_together"] == [] and mug["similar"] == []
