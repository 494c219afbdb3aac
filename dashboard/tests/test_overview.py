"""The dashboard's overview: sales figures, orders waiting, low stock and the 30-day chart."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.core.charts import sales_chart
from asoud.core.testing import persian
from dashboard.views import month_start
from storefront.cart.tests.factories import product_make
from storefront.orders.models import Order

from .test_orders import HTMX, OWNER_MOBILE, member_client, order_make


def _known_orders(market):
    now = timezone.now()
    with tenant_context(market):
        order_make(total=1_000_000, created_at=now)  # cash, pending: a sale, waiting to be confirmed
        order_make(status=Order.Status.VERIFIED, payment=Order.PaymentMethod.ONLINE, paid=True, total=3_000_000,
                   created_at=now)  # fmt: skip
        order_make(payment=Order.PaymentMethod.ONLINE, total=9_000_000, created_at=now)  # unpaid: not a sale
        order_make(status=Order.Status.CANCELLED, total=7_000_000, created_at=now)  # cancelled: not a sale
        order_make(
            status=Order.Status.COMPLETED, paid=True, total=2_000_000, created_at=now - datetime.timedelta(days=3)
        )
        order_make(
            status=Order.Status.COMPLETED, paid=True, total=5_000_000, created_at=now - datetime.timedelta(days=40)
        )
        product_make(title="Saffron tin", stock=1)
        product_make(title="Plenty of tea", stock=50)


def test_overview_figures_on_a_known_data_set(market_alpha):
    _known_orders(market_alpha)
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    response = owner.get("/dashboard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="today-sales">400,000 Toman<' in html  # 1,000,000 + 3,000,000 Rials
    assert 'data-testid="awaiting">2<' in html  # one cash order to confirm, one paid order to ship
    assert "1 to confirm · 1 to ship" in html
    today = timezone.localdate()
    month = 400_000 + (200_000 if today - datetime.timedelta(days=3) >= today.replace(day=1) else 0)
    assert f'data-testid="month-sales">{month:,} Toman<' in html
    assert "600,000 Toman" in html  # the last 30 days: 400,000 + 200,000 (the 40-day-old order is out)
    assert html.count('class="bar"') == 30
    assert "Saffron tin" in html and "Plenty of tea" not in html  # low stock only
    assert "Orders waiting for you" in html


def test_overview_htmx_fragment(market_alpha):
    _known_orders(market_alpha)
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    fragment = owner.get("/dashboard/", **HTMX).content.decode()
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<div id="overview-figures"')
    assert 'data-testid="today-sales">400,000 Toman<' in fragment


def test_overview_in_persian_uses_persian_digits_and_jalali_month(market_alpha):
    _known_orders(market_alpha)
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    html = persian(owner).get("/dashboard/").content.decode()
    assert "۴۰۰٬۰۰۰" in html
    jalali_first = month_start(datetime.date(2025, 3, 25), jalali=True)
    assert jalali_first == datetime.date(2025, 3, 21)  # 1 Farvardin 1404


def test_editor_sees_no_sales_but_low_stock(market_alpha):
    _known_orders(market_alpha)
    editor = member_client(market_alpha, "editor", "+989130000021")
    html = editor.get("/dashboard/").content.decode()
    assert "today-sales" not in html and "Saffron tin" in html


def test_outsider_gets_403(market_alpha):
    outsider = member_client(market_alpha, None, "+989130000022")
    assert outsider.get("/dashboard/").status_code == 403
    assert outsider.get("/dashboard/", **HTMX).status_code == 403


def _queries_for_overview(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    return len(queries)


def test_overview_runs_a_constant_number_of_queries(market_alpha):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    now = timezone.now()
    with tenant_context(market_alpha):
        for day in range(10):
            order_make(status=Order.Status.COMPLETED, paid=True, created_at=now - datetime.timedelta(days=day))
    owner.get("/dashboard/")  # warm the session and host caches
    ten = _queries_for_overview(owner)
    with tenant_context(market_alpha):
        for day in range(40):
            order_make(status=Order.Status.VERIFIED, paid=True, created_at=now - datetime.timedelta(days=day % 30))
    fifty = _queries_for_overview(owner)
    assert ten == fifty


def test_chart_geometry_runs_right_to_left_for_persian():
    class Day:
        def __init__(self, n):
            self.day, self.sales, self.orders = datetime.date(2025, 1, n), n * 1000, n % 3

    days = [Day(n) for n in range(1, 31)]
    ltr, rtl = sales_chart(days), sales_chart(days, rtl=True)
    assert ltr.bars[-1].x > ltr.bars[0].x  # newest at the right
    assert rtl.bars[-1].x < rtl.bars[0].x  # newest at the left
    assert ltr.max_sales == 30_000 and ltr.bars[-1].height > ltr.bars[0].height
    assert sales_chart([]).is_empty


def test_the_stock_forecast_feeds_the_low_stock_card(market_alpha):
    from storefront.analytics.tests import factories

    with tenant_context(market_alpha):
        fast = factories.product_make("Fast seller", stock=5, low_stock_threshold=2)  # selling fast, not yet "low"
        buyer = factories.shopper("+989130000031")
        factories.order_make(
            user=buyer, items=[(fast, 30, 10_000)], created_at=timezone.now() - datetime.timedelta(days=3)
        )
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    html = owner.get("/dashboard/").content.decode()
    running_out = html.split('data-testid="running-out"')[1].split("</li>")[0]
    assert "Fast seller" in running_out and "runs out in about 5 days" in running_out  # 30 sold in 30 days: 1 a day
