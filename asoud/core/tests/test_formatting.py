"""One formatting layer (issue 15, item 11): on Persian pages every number and date a person reads has
Persian digits (Jalali dates, Toman), on every kind of page: storefront, checkout and orders, the owner
dashboard, the platform, the marketer's pages and the staff admin. English pages keep Latin digits."""

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.core import formatting
from asoud.notifications.rendering import render_part
from dashboard.tests.test_orders import OWNER_MOBILE
from storefront.cart.tests.factories import address_make, percent_off, product_make, shopper_make
from storefront.orders.services import shipping_method_create
from storefront.orders.tests.helpers import cart_with, place
from tenants.services import plans_seed

pytestmark = pytest.mark.django_db

_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_LATIN_NUMBER = re.compile(r"[^\s]*[0-9][^\s]*")


def visible_text(page: str) -> str:
    """What a person reads: the page without scripts, styles, comments and tags (attributes go too)."""
    return html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", page)))


def latin_numbers(page: str) -> list[str]:
    return _LATIN_NUMBER.findall(visible_text(page))


def client_in(language: str, host: str, user=None) -> Client:
    client = Client(HTTP_HOST=host)
    client.cookies["asoud_language"] = language
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def shop_data(market_alpha):
    """A discounted, nearly sold-out product, a shopper with a placed order and another in the cart."""
    with tenant_context(market_alpha):
        kettle = product_make(title="کتری استیل", price=1_850_000, stock=3)
        percent_off(kettle, 15)
        tray = product_make(title="سینی مسی", price=8_050_000, stock=40)
        post = shipping_method_create(name="پست پیشتاز", kind="flat", cost=450_000)
        shopper = shopper_make(name="سارا")
        address_make(shopper, street="خیابان ولیعصر", postal_code="1234567890", receiver_mobile="+989121234567")
        order = place(shopper, (kettle, 2), method=post)
        cart_with(shopper, (tray, 12))
    connection.set_schema_to_public()
    return {"kettle": kettle, "shopper": shopper, "order": order}


SHOPPER_PAGES = ["/", "/products/", "/p/{kettle}/", "/search/?q=کتری", "/cart/", "/orders/", "/orders/{order}/",
                 "/orders/{order}/invoice/", "/checkout/address/", "/checkout/shipping/"]  # fmt: skip
OWNER_PAGES = ["/dashboard/", "/dashboard/products/", "/dashboard/orders/", "/dashboard/orders/{order_pk}/",
               "/dashboard/analytics/", "/dashboard/inbox/"]  # fmt: skip
PLATFORM_PAGES = ["/", "/markets/", "/search/?q=کتری", "/notifications/", "/wallet/"]
ADMIN_PAGES = ["/admin/tenants/market/", "/admin/tenants/plan/", "/admin/payments/payment/"]


def _fill(path: str, data) -> str:
    order = data["order"]
    return path.format(kettle=data["kettle"].slug, order=order.number, order_pk=order.pk)


def _check(client, paths, data) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        response = client.get(_fill(path, data), follow=True)
        assert response.status_code == 200, path
        assert response.content.decode().count('lang="fa"') >= 1, path
        if numbers := latin_numbers(response.content.decode()):
            found[path] = numbers
    return found


def test_persian_storefront_and_order_pages_show_no_latin_digits(shop_data):
    shopper = client_in("fa", "alpha.localhost", shop_data["shopper"])
    assert _check(shopper, SHOPPER_PAGES, shop_data) == {}


def test_persian_dashboard_pages_show_no_latin_digits(shop_data):
    owner = client_in("fa", "alpha.localhost", User.objects.get(mobile=OWNER_MOBILE))
    assert _check(owner, OWNER_PAGES, shop_data) == {}


def test_persian_platform_pages_show_no_latin_digits(shop_data):
    platform = client_in("fa", "localhost", shop_data["shopper"])
    assert _check(platform, PLATFORM_PAGES, shop_data) == {}


def test_persian_admin_shows_jalali_dates_and_toman(shop_data, market_alpha):
    plans_seed()
    staff = User.objects.create_user("+989120008888", is_staff=True, is_superuser=True)
    client = client_in("fa", "localhost")
    sign_in_staff(client, staff)
    page = client.get("/admin/tenants/plan/").content.decode()
    assert "تومان" in page and not re.search(r"\d{5,}", visible_text(page))
    markets = client.get("/admin/tenants/market/").content.decode()
    assert formatting.date(market_alpha.created_at, "%B", "fa") in markets  # a Jalali month name
    assert _check(client, ADMIN_PAGES, shop_data) == {}


def test_english_pages_keep_latin_digits(shop_data):
    shopper = client_in("en", "alpha.localhost", shop_data["shopper"])
    page = shopper.get(f"/orders/{shop_data['order'].number}/").content.decode()
    assert shop_data["order"].number in page and "Toman" in page
    assert not re.search("[۰-۹]", visible_text(page))


def test_a_notification_shows_the_order_number_as_the_order_page_does(shop_data):
    order = shop_data["order"]
    page = client_in("fa", "alpha.localhost", shop_data["shopper"]).get(f"/orders/{order.number}/")
    shown = formatting.order_number(order.number, "fa")
    assert shown in page.content.decode()
    assert shown == f"\u2066{order.number.translate(str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'))}\u2069"
    context = {"order_number": order.number, "market_name": "Alpha Shop", "total": order.total,
               "customer_name": "سارا", "url": ""}  # fmt: skip
    events = ["order_placed_shopper", "order_placed_owner", "order_paid_shopper", "order_shipped_shopper",
              "order_cancelled_shopper", "order_completed_shopper"]  # fmt: skip
    for event in events:
        for part in ("in_app", "sms", "email_subject"):
            assert shown in render_part(event=event, part=part, context=context, language="fa"), (event, part)


def test_formatting_reads_the_same_everywhere():
    assert formatting.toman(8_050_000, language="fa") == "۸۰۵٬۰۰۰ تومان"
    assert formatting.toman(8_050_000, language="en") == "805,000 Toman"
    assert formatting.latin_digits("۰۹۱۲٠١") == "091201"
    import datetime

    assert formatting.day_month(datetime.date(2026, 11, 8), "fa") == "۱۷ آبان"  # never "آبا"
    assert formatting.date(datetime.date(2026, 12, 8), language="en") == "08 December 2026"
