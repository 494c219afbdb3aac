"""Two browsers: the owner watches the overview while a shopper orders in another one; today's figures
move on the owner's screen with no reload (websocket push → htmx fragments re-fetched)."""

import re
import uuid

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from asoud.accounts.handoff import token_issue
from asoud.accounts.models import User
from asoud.notifications.models import Notification
from asoud.notifications.tests.live import session_for
from asoud.payments.models import Payment
from conftest import screenshot
from storefront.cart.models import Cart
from storefront.cart.tests.factories import product_make
from storefront.catalog.models import Product, StockMovement
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import shipping_method_create
from storefront.orders.tests.helpers import committed
from tenants.models import Market

pytestmark = pytest.mark.django_db


def _seed(market) -> dict:
    with tenant_context(market):
        teapot = product_make(title="Live teapot", price=2_500_000, stock=5, sku=f"LT-{uuid.uuid4().hex[:6]}")
        method = shipping_method_create(name="Live post", kind=ShippingMethod.Kind.FLAT, cost=100_000)
        shopper = User.objects.create_user(f"+98936{uuid.uuid4().int % 10_000_000:07d}", name="Live Shopper")
    return {"teapot": teapot, "method": method, "shopper": shopper}


def _remove(market, data) -> None:
    shopper = data["shopper"]
    with tenant_context(market):
        orders = Order.objects.filter(user_id=shopper.pk)
        Payment.objects.filter(market=market, order_id__in=list(orders.values_list("pk", flat=True))).delete()
        Notification.objects.filter(
            market=market, context__order_number__in=list(orders.values_list("number", flat=True))
        ).delete()
        orders.delete()
        Cart.objects.filter(user_id=shopper.pk).delete()
        StockMovement.objects.filter(product=data["teapot"]).delete()
        Product.objects.filter(pk=data["teapot"].pk).delete()
        ShippingMethod.objects.filter(pk=data["method"].pk).delete()
    shopper.addresses.all().delete()
    User.objects.filter(pk=shopper.pk).delete()


def _count(text: str) -> int:
    return int(re.sub(r"\D", "", text) or 0)


def test_the_owner_sees_todays_orders_move_when_a_shopper_orders_elsewhere(browser, live_server_url):
    market = Market.objects.get(slug="alpha")
    owner = User.objects.get(pk=market.owner_id)
    shop = live_server_url.replace("localhost", "alpha.localhost")
    data = committed(_seed, market)
    owner_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    shopper_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        owner_context.add_cookies(
            [
                {"name": "sessionid", "value": committed(session_for, owner), "url": shop},
                {"name": "asoud_language", "value": "en", "url": shop},
                {"name": "asoud_signin_checked", "value": "1", "url": shop},
            ]
        )
        dashboard = owner_context.new_page()
        dashboard.set_default_timeout(20_000)
        dashboard.goto(f"{shop}/dashboard/")
        live_orders = dashboard.get_by_test_id("live-orders")
        today_orders = dashboard.get_by_test_id("today-orders")
        before, before_text = _count(live_orders.inner_text()), today_orders.inner_text()
        expect(dashboard.locator("[data-live-status]")).to_be_visible()  # the socket is open

        # The shopper, in a browser of their own: product → cart → checkout → pay on the emulator.
        shopper = shopper_context.new_page()
        shopper.set_default_timeout(20_000)
        shopper_context.add_cookies([{"name": "asoud_language", "value": "en", "url": shop}])
        token = token_issue(user=data["shopper"], host="alpha.localhost")
        shopper.goto(f"{shop}/accounts/handoff/?token={token}&next={data['teapot'].get_absolute_url()}")
        shopper.get_by_test_id("add-to-cart").locator("button[type=submit]").click()
        shopper.locator("#mini-cart .mini-cart-count").wait_for()
        # The cart addition reaches the owner's feed first.
        expect(dashboard.locator("#live-feed")).to_contain_text("Live teapot added to a cart")
        shopper.goto(f"{shop}/checkout/")
        shopper.wait_for_url(f"{shop}/checkout/address/")
        shopper.fill("#id_new-receiver_name", "Live Shopper")
        shopper.fill("#id_new-receiver_mobile", "09121234567")
        shopper.fill("#id_new-province", "Tehran")
        shopper.fill("#id_new-city", "Tehran")
        shopper.fill("#id_new-street", "Valiasr St, No 12")
        shopper.fill("#id_new-postal_code", "1234567890")
        shopper.locator("button[type=submit].btn-primary").click()
        shopper.wait_for_url(f"{shop}/checkout/shipping/")
        shopper.locator("label.choice", has_text="Live post").click()
        shopper.locator("button[type=submit].btn-primary").click()
        shopper.wait_for_url(f"{shop}/checkout/payment/")
        shopper.locator("button[type=submit].btn-primary").click()  # online
        shopper.wait_for_url(f"{shop}/checkout/review/")
        shopper.locator("#place-order").click()
        shopper.wait_for_url(re.compile(r".*/dev/zarinpal/pg/StartPay/.*"))
        shopper.locator("button[name=action][value=pay]").click()
        shopper.wait_for_url(re.compile(r".*/orders/14\d\d-\d{6}/$"))

        # The owner's page moved by itself: the live panel and the overview's own figures.
        expect(live_orders).to_have_text(str(before + 1))
        expect(today_orders).not_to_have_text(before_text)
        assert _count(today_orders.inner_text()) == before + 1
        expect(dashboard.locator("#live-feed")).to_contain_text("New order")
        screenshot(dashboard, "dashboard-live-overview-en")
        # And a reload shows the same figures.
        dashboard.reload()
        expect(dashboard.get_by_test_id("live-orders")).to_have_text(str(before + 1))
    finally:
        owner_context.close()
        shopper_context.close()
        committed(_remove, market, data)
