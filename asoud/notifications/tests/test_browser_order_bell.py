"""The owner's bell counts a new order live: a shopper's order reaches the dashboard through the real
order service, a real Celery worker and the websocket, with no reload."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

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
from storefront.orders.tests.helpers import committed, place
from tenants.models import Market

pytestmark = pytest.mark.django_db


def _seed(market) -> dict:
    with tenant_context(market):
        lamp = product_make(title="Bell lamp", price=2_000_000, stock=5, sku=f"BL-{uuid.uuid4().hex[:6]}")
        method = shipping_method_create(name="Courier", kind=ShippingMethod.Kind.FLAT, cost=100_000)
        shopper = User.objects.create_user(f"+98938{uuid.uuid4().int % 10_000_000:07d}", name="Bell Shopper")
    return {"lamp": lamp, "method": method, "shopper": shopper}


def _order(market, data) -> None:
    with tenant_context(market):
        place(data["shopper"], (data["lamp"], 1), method=data["method"])


def _remove(market, data) -> None:
    shopper = data["shopper"]
    with tenant_context(market):
        orders = Order.objects.filter(user_id=shopper.pk)
        Payment.objects.filter(market=market, order_id__in=list(orders.values_list("pk", flat=True))).delete()
        numbers = list(orders.values_list("number", flat=True))
        Notification.objects.filter(market=market, context__order_number__in=numbers).delete()  # the owner's too
        orders.delete()
        Cart.objects.filter(user_id=shopper.pk).delete()
        StockMovement.objects.filter(product=data["lamp"]).delete()
        Product.objects.filter(pk=data["lamp"].pk).delete()
        ShippingMethod.objects.filter(pk=data["method"].pk).delete()
    shopper.addresses.all().delete()
    User.objects.filter(pk=shopper.pk).delete()


def test_the_owners_bell_counts_a_new_order_live(celery_worker_process, browser, live_server_url):
    market = Market.objects.get(slug="alpha")
    owner = User.objects.get(pk=market.owner_id)
    shop = live_server_url.replace("localhost", "alpha.localhost")
    data = committed(_seed, market)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        context.add_cookies(
            [
                {"name": "sessionid", "value": committed(session_for, owner), "url": shop},
                {"name": "asoud_language", "value": "en", "url": shop},
                {"name": "asoud_signin_checked", "value": "1", "url": shop},
            ]
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{shop}/dashboard/")
        count = page.locator("#notification-bell-count")
        before = int(count.get_attribute("data-count") or 0)
        expect(page.get_by_test_id("notification-bell")).to_have_attribute("data-connected", "true")  # subscribed

        with ThreadPoolExecutor(max_workers=1) as pool:  # this thread's event loop belongs to Playwright
            pool.submit(committed, _order, market, data).result()

        expect(count).to_have_attribute("data-count", str(before + 1))
        expect(count).to_be_visible()
        screenshot(page, "notifications-owner-bell-new-order-en")
    finally:
        context.close()
        committed(_remove, market, data)
