"""The shopper's journey in a real browser: product page → cart → checkout → pay on the Zarinpal
emulator → the order page and its invoice, on phone and desktop, in Persian and English.

The server runs in another process and only sees committed rows: the alpha market's data for this
test is written (and removed afterwards) by `committed(...)` on a connection of its own.
"""

import re
import uuid

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from asoud.accounts.handoff import token_issue
from asoud.accounts.models import User
from asoud.notifications.models import Notification
from asoud.payments.models import Payment
from conftest import screenshot
from storefront.cart.models import Cart
from storefront.cart.tests.factories import percent_off, product_make
from storefront.catalog.models import Product, StockMovement
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import shipping_method_create

from .helpers import committed

pytestmark = pytest.mark.django_db

LANGUAGES = {"fa": "fa-IR", "en": "en-US"}


def _seed(market) -> dict:
    with tenant_context(market):
        kettle = product_make(title="کتری استیل ۲ لیتری", price=18_500_000, stock=6, sku=f"KT-{uuid.uuid4().hex[:6]}")
        percent_off(kettle, 10)
        methods = [
            shipping_method_create(
                name="پست پیشتاز", kind=ShippingMethod.Kind.FLAT, cost=450_000, description="۳ تا ۵ روز کاری"
            ),
            shipping_method_create(name="تحویل حضوری", kind=ShippingMethod.Kind.PICKUP, description="بدون هزینه ارسال"),
        ]
        user = User.objects.create_user(f"+98937{uuid.uuid4().int % 10_000_000:07d}", name="مریم رضایی")
    return {"kettle": kettle, "methods": methods, "user": user}


def _remove(market, data) -> None:
    with tenant_context(market):
        user, kettle = data["user"], data["kettle"]
        orders = Order.objects.filter(user_id=user.pk)
        Payment.objects.filter(market=market, order_id__in=list(orders.values_list("pk", flat=True))).delete()
        numbers = list(orders.values_list("number", flat=True))
        Notification.objects.filter(market=market, context__order_number__in=numbers).delete()  # the owner's too
        orders.delete()
        Cart.objects.filter(user_id=user.pk).delete()
        StockMovement.objects.filter(product=kettle).delete()
        Product.objects.filter(pk=kettle.pk).delete()
        ShippingMethod.objects.filter(pk__in=[method.pk for method in data["methods"]]).delete()
        User.objects.filter(pk=user.pk).delete()


@pytest.fixture
def journey(market_alpha):
    data = committed(_seed, market_alpha)
    yield data
    committed(_remove, market_alpha, data)


@pytest.fixture(params=["fa", "en"])
def language(request):
    return request.param


@pytest.fixture
def shopper_page(browser, shop_server_url, viewport, language):
    context = browser.new_context(viewport=viewport, locale=LANGUAGES[language])
    context.add_cookies(
        [{"name": "asoud_language", "value": language, "url": shop_server_url.replace("localhost", "alpha.localhost")}]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_a_shopper_buys_and_pays_online(journey, shopper_page, shop_server_url, market_alpha, viewport, language):
    page, kettle = shopper_page, journey["kettle"]
    shop = shop_server_url.replace("localhost", "alpha.localhost")
    size = "phone" if viewport["width"] < 600 else "desktop"
    shot = f"{language}-{size}"
    english = language == "en"

    # Signed in on the platform, arriving on the market through the handoff.
    token = token_issue(user=journey["user"], host="alpha.localhost")
    page.goto(f"{shop}/accounts/handoff/?token={token}&next={kettle.get_absolute_url()}")
    page.get_by_test_id("add-to-cart").locator("input[name=quantity]").fill("2")
    page.get_by_test_id("add-to-cart").locator("button[type=submit]").click()
    # htmx: the page stays, the header's mini-cart updates in place.
    page.locator("#mini-cart .mini-cart-count").wait_for()
    assert page.locator("#mini-cart .mini-cart-count").inner_text() == ("2" if english else "۲")
    page.locator("#mini-cart").click()
    page.wait_for_url(f"{shop}/cart/")
    assert page.locator("#cart-total").inner_text() == ("3,330,000 Toman" if english else "۳٬۳۳۰٬۰۰۰ تومان")
    screenshot(page, f"orders-cart-{shot}")
    page.locator(".qty-stepper button[value='1']").click()  # htmx: one more, no reload
    expected = "4,995,000 Toman" if english else "۴٬۹۹۵٬۰۰۰ تومان"
    expect(page.locator("#cart-total")).to_have_text(expected, timeout=20_000)
    page.locator(".qty-stepper button[value='-1']").click()
    expect(page.locator(".qty-stepper input[name=quantity]")).to_have_value("2", timeout=20_000)

    page.locator("#cart-body a[href='/checkout/']").click()
    page.wait_for_url(f"{shop}/checkout/address/")
    page.fill("#id_new-receiver_name", "مریم رضایی")
    page.fill("#id_new-receiver_mobile", "09121234567")
    page.fill("#id_new-province", "تهران")
    page.fill("#id_new-city", "تهران")
    page.fill("#id_new-street", "خیابان ولیعصر، کوچه بهار، پلاک ۱۲")
    page.fill("#id_new-postal_code", "1234567890")
    screenshot(page, f"orders-checkout-address-{shot}")
    page.locator("button[type=submit].btn-primary").click()

    page.wait_for_url(f"{shop}/checkout/shipping/")
    page.locator("label.choice", has_text="پست پیشتاز").click()
    total = "3,375,000 Toman" if english else "۳٬۳۷۵٬۰۰۰ تومان"  # 3,330,000 + 45,000, previewed with htmx
    expect(page.locator("#checkout-total")).to_have_text(total, timeout=20_000)
    screenshot(page, f"orders-checkout-shipping-{shot}")
    page.locator("button[type=submit].btn-primary").click()

    page.wait_for_url(f"{shop}/checkout/payment/")
    screenshot(page, f"orders-checkout-payment-{shot}")
    page.locator("button[type=submit].btn-primary").click()  # online payment is chosen first

    page.wait_for_url(f"{shop}/checkout/review/")
    assert page.locator("#review-total").inner_text() == total
    screenshot(page, f"orders-checkout-review-{shot}")
    page.locator("#place-order").click()

    page.wait_for_url(re.compile(r".*/dev/zarinpal/pg/StartPay/.*"))
    screenshot(page, f"orders-zarinpal-{shot}")
    page.locator("button[name=action][value=pay]").click()

    page.wait_for_url(re.compile(r".*/orders/14\d\d-\d{6}/$"))
    thanks = "Your payment was received" if english else "پرداخت شما دریافت"
    assert thanks in page.locator("#messages").inner_text()
    assert ("Confirmed" if english else "تأییدشده") in page.locator("#order-status").inner_text()
    screenshot(page, f"orders-order-{shot}")

    page.click("a[href$='/invoice/']")
    page.wait_for_url(re.compile(r".*/invoice/$"))
    screenshot(page, f"orders-invoice-{shot}")
    page.goto(f"{shop}/orders/")
    assert page.locator(".order-card").count() == 1
    screenshot(page, f"orders-list-{shot}")

    with tenant_context(market_alpha):
        order = Order.objects.get(user_id=journey["user"].pk)
        assert order.status == Order.Status.VERIFIED and order.total == 33_750_000
        assert Payment.objects.get(pk=order.payment_id).status == Payment.Status.PAID
        assert Product.objects.get(pk=kettle.pk).stock == 4
