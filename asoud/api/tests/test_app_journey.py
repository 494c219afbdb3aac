"""One journey as a mobile app makes it, over real HTTP against the real ASGI server: sign in by SMS
code, browse a market, fill the cart, order online, pay in the Zarinpal emulator, poll the order until
it is verified, read the notification."""

import random
import re
import time

import pytest
import requests
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.notifications.models import Notification
from asoud.payments.models import Payment
from asoud.sms.models import SmsMessage
from storefront.cart.models import Cart
from storefront.cart.tests.factories import product_make
from storefront.catalog.models import Product
from storefront.catalog.models.inventory import StockMovement
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import shipping_method_create
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db


def _until(fetch, done, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while True:
        value = fetch()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.3)


def _seed(market) -> dict:
    with tenant_context(market):
        kettle = product_make(title="Journey kettle", price=1_850_000, stock=4)
        method = shipping_method_create(name="Journey post", kind=ShippingMethod.Kind.FLAT, cost=450_000)
    return {"kettle": kettle, "method": method, "phone": f"+98915{random.randint(1_000_000, 9_999_999)}"}


def _remove(market, data) -> None:
    """Everything the journey committed, so the markets other tests share stay as they were."""
    user = User.objects.filter(mobile=data["phone"]).first()
    with tenant_context(market):
        if user is not None:
            orders = Order.objects.filter(user_id=user.pk)
            Payment.objects.filter(market=market, order_id__in=list(orders.values_list("pk", flat=True))).delete()
            numbers = list(orders.values_list("number", flat=True))
            Notification.objects.filter(market=market, context__order_number__in=numbers).delete()
            orders.delete()
            Cart.objects.filter(user_id=user.pk).delete()
        StockMovement.objects.filter(product=data["kettle"]).delete()
        Product.objects.filter(pk=data["kettle"].pk).delete()
        ShippingMethod.objects.filter(pk=data["method"].pk).delete()
        if user is not None:
            Notification.objects.filter(user=user).delete()
            User.objects.filter(pk=user.pk).delete()


@pytest.fixture
def journey(market_alpha):
    data = committed(_seed, market_alpha)
    yield data
    committed(_remove, market_alpha, data)


def test_a_mobile_app_signs_in_orders_pays_online_and_is_notified(live_server_url, celery_worker_process, journey):
    api = f"{live_server_url}/api/v1"
    kettle, phone = journey["kettle"], journey["phone"]
    app = requests.Session()
    app.headers["Accept-Language"] = "en"

    # Sign in: the code arrives as an SMS (the development outbox keeps it).
    # The first request of a fresh server process loads every module (on a loaded machine: >10 s).
    assert app.post(f"{api}/auth/code/", json={"phone": phone}, timeout=60).status_code == 200
    code = SmsMessage.objects.filter(recipient=phone).latest("id").params["code"]
    tokens = app.post(f"{api}/auth/token/", json={"phone": phone, "code": code}, timeout=10).json()
    app.headers["Authorization"] = f"Bearer {tokens['access']}"

    # Browse: the market's header, then the product found by search.
    assert app.get(f"{api}/markets/alpha/", timeout=10).json()["theme"]["colors"]
    found = app.get(f"{api}/markets/alpha/products/", params={"q": "Journey kettle"}, timeout=10).json()
    assert found["results"][0]["id"] == kettle.pk
    detail = app.get(f"{api}/markets/alpha/products/{kettle.slug}/", timeout=10).json()
    assert detail["price"]["unit"]["rials"] == 1_850_000

    # Cart, an address, a delivery method; then the order, paid online.
    cart = app.post(f"{api}/markets/alpha/cart/lines/", json={"product": kettle.pk, "quantity": 2}, timeout=10)
    assert cart.status_code == 201 and cart.json()["subtotal"]["rials"] == 3_700_000
    address = app.post(
        f"{api}/me/addresses/",
        json={"receiver_name": "Sara", "receiver_mobile": "09121234567", "province": "Tehran", "city": "Tehran",
              "street": "Valiasr St.", "postal_code": "1234567890"},
        timeout=10,
    ).json()  # fmt: skip
    method = next(
        m for m in app.get(f"{api}/markets/alpha/shipping-methods/", timeout=10).json() if m["name"] == "Journey post"
    )
    placed = app.post(
        f"{api}/markets/alpha/orders/",
        json={"address": address["id"], "shipping_method": method["id"], "payment_method": "online"},
        headers={"Idempotency-Key": f"journey-{phone}"},
        timeout=20,
    )
    assert placed.status_code == 201, placed.text
    number, pay_url = placed.json()["order"]["number"], placed.json()["pay_url"]
    assert re.match(rf"{live_server_url}/dev/zarinpal/pg/StartPay/\S+$", pay_url)
    assert placed.json()["order"]["status"] == "pending"

    # The shopper pays on the gateway's page; the gateway sends the browser to the API's return address.
    page = requests.get(pay_url, timeout=10)
    assert page.status_code == 200 and 'value="pay"' in page.text
    back = requests.post(pay_url, data={"action": "pay"}, allow_redirects=False, timeout=10)
    assert back.status_code == 302 and "/api/v1/markets/alpha/payments/callback/" in back.headers["Location"]
    assert requests.get(back.headers["Location"], timeout=20).json()["is_paid"] is True

    # The app polls its order until it is verified, then finds the notification.
    order = _until(
        lambda: app.get(f"{api}/markets/alpha/orders/{number}/", timeout=10).json(), lambda o: o["status"] == "verified"
    )
    assert order["status"] == "verified" and order["is_paid"]
    assert [event["to_status"] for event in order["history"]][-1] == "verified"
    notes = _until(
        lambda: app.get(f"{api}/me/notifications/", timeout=10).json()["results"],
        lambda items: any(number in n["text"] for n in items if n["event"] == "order_paid_shopper"),
    )
    paid = next(n for n in notes if n["event"] == "order_paid_shopper")
    assert number in paid["text"]
    read = app.post(f"{api}/me/notifications/{paid['id']}/read/", timeout=10)
    assert read.status_code == 200 and read.json()["is_read"]
