"""The owner's analytics and customers pages (full, htmx fragment, roles, CSV) and the staff view."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.core.testing import english, persian
from asoud.platform_analytics.models import MarketDayStat
from dashboard.tests.test_orders import HTMX, OWNER_MOBILE, member_client
from storefront.analytics.services import rollup_day

from .data import known_day


@pytest.fixture
def rolled_up(market_alpha):
    with tenant_context(market_alpha):
        data = known_day()
        rollup_day(day=data.day, market_id=market_alpha.pk)
    connection.set_schema_to_public()
    return data


def _period(data):
    return f"?start={data.day - datetime.timedelta(days=6):%Y-%m-%d}&end={data.day:%Y-%m-%d}"


def test_analytics_page(market_alpha, rolled_up):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    response = owner.get("/dashboard/analytics/" + _period(rolled_up))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="revenue">900,000 Toman<' in html  # 9,000,000 Rials
    assert 'data-testid="visits">4<' in html and 'data-testid="conversion">25.0%<' in html
    for step, count in [("visits", 4), ("visits_viewing", 2), ("visits_carting", 2), ("visits_checkout", 1)]:
        assert f'data-step="{step}">{count}<' in html
    assert html.count('class="funnel-step"') == 5 and html.count('class="bar"') == 7
    assert html.index("Teapot") < html.index("Green tea")
    assert "samovar" in html and ">tea<" not in html
    assert 'id="analytics-report"' in html


def test_analytics_page_in_persian_shows_the_period_in_jalali(market_alpha, rolled_up):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    html = persian(owner).get("/dashboard/analytics/?start=2025-03-21&end=2025-03-25").content.decode()
    assert "۱ فروردین ۱۴۰۴" in html and "۵ فروردین ۱۴۰۴" in html
    jalali = english(owner).get("/dashboard/analytics/?start=1404-01-01&end=1404-01-05").content.decode()
    assert 'value="2025-03-21"' in jalali and 'value="2025-03-25"' in jalali


def test_analytics_fragment_and_constant_queries(market_alpha, rolled_up):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    fragment = owner.get("/dashboard/analytics/" + _period(rolled_up), **HTMX).content.decode()
    assert fragment.lstrip().startswith('<div id="analytics-report"') and "<html" not in fragment

    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert owner.get("/dashboard/analytics/" + query, **HTMX).status_code == 200
        return len(queries)

    year = f"?start={rolled_up.day - datetime.timedelta(days=300):%Y-%m-%d}&end={rolled_up.day:%Y-%m-%d}"
    week_queries = count(_period(rolled_up))
    assert count(year) == week_queries
    with tenant_context(market_alpha):  # a second, busier day
        more = known_day()
        rollup_day(day=more.day)
    connection.set_schema_to_public()
    assert count(year) == week_queries


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("support", 403), ("manager", 200)])
def test_analytics_roles(market_alpha, role, status):
    client = member_client(market_alpha, role, f"+98913000{abs(hash(role)) % 10_000:04d}")
    for url in ("/dashboard/analytics/", "/dashboard/analytics/customers/", "/dashboard/analytics/export.csv"):
        assert client.get(url).status_code == status


def test_csv_exports(market_alpha, rolled_up):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    days = owner.get("/dashboard/analytics/export.csv" + _period(rolled_up)).content.decode("utf-8-sig").splitlines()
    assert days[0] == "day,visits,orders,revenue_rials" and len(days) == 8
    assert f"{rolled_up.day.isoformat()},4,2,9000000" in days
    products = owner.get("/dashboard/analytics/export.csv" + _period(rolled_up) + "&report=products")
    lines = products.content.decode("utf-8-sig").splitlines()
    assert lines[1] == f"{rolled_up.teapot.pk},Teapot,0,0,2,2,6000000,0.0000"
    customers = owner.get("/dashboard/analytics/customers/export.csv").content.decode("utf-8-sig").splitlines()
    assert len(customers) == 3 and customers[0].startswith("user_id,name,mobile,segment")
    assert any(",Ali," in line and ",new," in line for line in customers)


def test_customers_page(market_alpha, rolled_up):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    html = owner.get("/dashboard/analytics/customers/").content.decode()
    assert "Ali" in html and "Bita" in html and "Cyrus" not in html  # Cyrus never paid
    assert html.count('data-testid="segment">New<') == 2
    fragment = owner.get("/dashboard/analytics/customers/?segment=lost", **HTMX).content.decode()
    assert fragment.lstrip().startswith('<div id="customer-table"') and "Ali" not in fragment


def test_staff_view(market_alpha, market_beta, rolled_up):
    MarketDayStat.objects.create(market=market_beta, day=rolled_up.day, visits=9, orders=5, gmv=20_000_000)
    url = "/staff/analytics/" + _period(rolled_up)
    assert Client(HTTP_HOST="localhost").get(url).status_code == 302
    shopper = english(Client(HTTP_HOST="localhost"))
    shopper.force_login(User.objects.get(mobile=OWNER_MOBILE))
    assert shopper.get(url).status_code == 403
    staff = english(Client(HTTP_HOST="localhost"))
    sign_in_staff(staff, User.objects.create_user("+989120009999", is_staff=True))
    html = staff.get(url).content.decode()
    assert 'data-testid="gmv">2,900,000 Toman<' in html and 'data-testid="orders">7<' in html
    assert html.index("Beta Store") < html.index("Alpha Shop")
    assert Client(HTTP_HOST="alpha.localhost").get("/staff/analytics/").status_code == 404


def test_persian_period_fields_use_a_jalali_calendar(market_alpha, rolled_up):
    owner = member_client(market_alpha, "owner", OWNER_MOBILE)
    html = persian(owner).get("/dashboard/analytics/?start=2025-03-21&end=2025-03-25").content.decode()
    assert 'value="۱۴۰۴/۰۱/۰۱"' in html and 'value="۱۴۰۴/۰۱/۰۵"' in html  # Persian digits (issue 15, item 11)
    assert 'data-testid="calendar-start"' in html

    month = persian(owner).get("/dashboard/analytics/calendar/?field=start&month=1404-01", **HTMX).content.decode()
    assert "<html" not in month and 'id="calendar-start"' in month
    assert month.count('data-testid="jalali-day"') == 31  # Farvardin
    assert 'data-value="۱۴۰۴/۰۱/۰۱"' in month and 'data-field="id_start"' in month
    first_week = month.split("<tr>")[2].split("</tr>")[0]
    assert first_week.count("<td></td>") == 6  # 1 Farvardin 1404 is a Friday; weeks start on Saturday
    assert "month=1403-12" in month and "month=1404-02" in month
    esfand = owner.get("/dashboard/analytics/calendar/?field=end&month=1403-12", **HTMX).content.decode()
    assert esfand.count('data-testid="jalali-day"') == 30 and 'data-field="id_end"' in esfand  # 1403 is a leap year

    picked = persian(owner).get("/dashboard/analytics/?start=1404/01/01&end=1404/01/05")
    assert "۱ فروردین ۱۴۰۴" in picked.content.decode()


def test_the_calendar_is_for_the_analytics_team_only(market_alpha):
    editor = member_client(market_alpha, "editor", "+989130000077")
    assert editor.get("/dashboard/analytics/calendar/?field=start").status_code == 403
