"""The staff's platform analytics: figures from orders placed in the markets, staff only (with a
second factor), and a bad period explained instead of failing."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.core.testing import english
from asoud.platform_analytics.models import MarketDayStat
from asoud.platform_analytics.selectors import platform_days, top_markets
from storefront.analytics.services import rollup_day
from storefront.analytics.tests.factories import at, order_make, product_make, shopper
from storefront.orders.models import Order

from .factories import MarketDayStatFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


def _orders_in(market, *prices: int, cancelled: int = 0) -> None:
    """Place one paid order per price in `market` on DAY (and `cancelled` cancelled ones), then roll up."""
    with tenant_context(market):
        teapot = product_make("Teapot")
        buyer = shopper()
        for price in prices:
            order_make(user=buyer, items=[(teapot, 1, price)], created_at=at(DAY))
        for _ in range(cancelled):
            order_make(user=buyer, items=[(teapot, 1, 9_000_000)], created_at=at(DAY), status=Order.Status.CANCELLED)
        rollup_day(day=DAY, market_id=market.pk)
    connection.set_schema_to_public()


@pytest.fixture
def staff():
    client = english(Client(HTTP_HOST="localhost"))
    sign_in_staff(client, User.objects.create_user("+989120007711", is_staff=True))
    return client


def test_platform_figures_agree_with_the_orders_placed_in_the_markets(market_alpha, market_beta):
    MarketDayStat.objects.filter(day=DAY).delete()
    _orders_in(market_alpha, 2_000_000, 3_000_000, cancelled=1)
    _orders_in(market_beta, 10_000_000)

    day = {d.day: d for d in platform_days(start=DAY - datetime.timedelta(days=1), end=DAY)}
    assert day[DAY].orders == 3 and day[DAY].sales == 15_000_000 and day[DAY].active_markets == 2
    assert day[DAY - datetime.timedelta(days=1)].orders == 0
    top = top_markets(start=DAY, end=DAY)
    assert [(row["market__slug"], row["gmv"], row["orders"]) for row in top[:2]] == [
        ("beta", 10_000_000, 1),
        ("alpha", 5_000_000, 2),
    ]


def test_staff_page_shows_the_rolled_up_totals_of_the_period(staff, market_alpha, market_beta):
    MarketDayStatFactory(market=market_alpha, day=DAY, orders=2, gmv=5_000_000)
    MarketDayStatFactory(market=market_beta, day=DAY - datetime.timedelta(days=2), orders=1, gmv=10_000_000)
    MarketDayStatFactory(market=market_beta, day=DAY - datetime.timedelta(days=40), orders=9, gmv=90_000_000)
    html = staff.get(f"/staff/analytics/?start={DAY - datetime.timedelta(days=6)}&end={DAY}").content.decode()
    assert 'data-testid="gmv">1,500,000 Toman<' in html and 'data-testid="orders">3<' in html


def test_only_staff_with_a_second_factor_see_the_page():
    url = "/staff/analytics/"
    assert Client(HTTP_HOST="localhost").get(url)["Location"].startswith("/accounts/login/")
    customer = Client(HTTP_HOST="localhost")
    customer.force_login(User.objects.create_user("+989120007712"))
    assert customer.get(url).status_code == 403
    no_factor = Client(HTTP_HOST="localhost")
    no_factor.force_login(User.objects.create_user("+989120007713", is_staff=True))
    assert no_factor.get(url)["Location"] == "/accounts/2fa/"


@pytest.mark.parametrize("query", ["?start=not-a-date", "?start=2026-13-45&end=yesterday", "?end=" + "9" * 300])
def test_a_bad_period_is_explained_and_the_last_30_days_are_shown(staff, query):
    response = staff.get("/staff/analytics/" + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="period-errors"' in html and "Enter a date like 2025-03-21" in html
    today = timezone.localdate()
    start = today - datetime.timedelta(days=29)
    assert f'value="{start:%Y-%m-%d}"' in html and f'value="{today:%Y-%m-%d}"' in html
