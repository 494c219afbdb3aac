"""Today's figures agree everywhere: an order placed today shows with the same count and revenue on
the dashboard's overview, its analytics page and the staff analytics (issue 15, item 2)."""

import re

import pytest
from django.db import connection
from django.test import Client

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.core.testing import english
from asoud.platform_analytics.models import MarketDayStat
from storefront.analytics.services import events_flush_all
from storefront.analytics.tests.conftest import _clean_buffers  # noqa: F401 (autouse fixture)
from storefront.cart.tests.factories import address_make, product_make
from storefront.orders.models import Order

from .helpers import cart_with, checkout_through_pages

pytestmark = pytest.mark.django_db


def _value(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">\s*([^<]*?)\s*<', html)
    assert match, testid
    return re.sub(r"[\u2066-\u2069]", "", match.group(1))


def test_an_order_placed_today_counts_the_same_on_every_page(signed_in, shopper, methods, market_alpha):
    MarketDayStat.objects.filter(market=market_alpha).delete()
    samovar = product_make(title="Electric samovar", price=20_000_000, stock=5)
    cart_with(shopper, (samovar, 1))
    checkout_through_pages(signed_in, address=address_make(shopper), method=methods["post"], payment="cash")
    sales = Order.objects.filter(status=Order.Status.PENDING).order_by()
    assert sales.count() == 1
    toman = f"{sales.get().total // 10:,} Toman"

    owner = english(Client(HTTP_HOST="alpha.localhost"))
    owner.force_login(User.objects.get(mobile="+989130000001"))
    overview = owner.get("/dashboard/").content.decode()
    assert _value(overview, "today-sales") == toman and _value(overview, "today-orders") == "1 order"
    analytics = owner.get("/dashboard/analytics/").content.decode()
    assert _value(analytics, "revenue") == toman and _value(analytics, "orders") == "1 order"

    # The staff view reads the public roll-up, which the event flusher (every 15 s) brings up to
    # date for a market whose events include an order.
    connection.set_schema_to_public()
    events_flush_all()
    connection.set_schema_to_public()
    staff = english(Client(HTTP_HOST="localhost"))
    sign_in_staff(staff, User.objects.create_user("+989120008888", is_staff=True))  # staff pages need a second factor
    html = staff.get("/staff/analytics/").content.decode()
    assert _value(html, "gmv") == toman and _value(html, "orders") == "1"
