"""The staff admin in Persian: Jalali dates with Persian digits, money in Toman (issue 15, item 16)."""

import re

import jdatetime
import pytest
from django.test import Client
from django.utils import timezone

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.core.admin_display import display_for_field, is_money
from tenants.models import Market, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> Client:
    client = Client(HTTP_HOST="localhost")
    sign_in_staff(client, User.objects.create_user("+989120007777", is_staff=True, is_superuser=True))
    client.cookies["asoud_language"] = "fa"
    return client


def test_market_list_shows_jalali_dates_in_persian(staff, market_alpha):
    html = staff.get("/admin/tenants/market/").content.decode()
    created = timezone.localtime(market_alpha.created_at)
    month = jdatetime.date.fromgregorian(date=created.date()).aslocale(jdatetime.FA_LOCALE).strftime("%B")
    assert month in html
    assert not re.search(r"(دسامبر|نوامبر|ژانویه|December|November)", html)
    assert 'href="/static/css/admin.css"' in html or "css/admin" in html


def test_money_fields_read_as_toman():
    field = Plan._meta.get_field("price_per_month")
    assert is_money(field) and not is_money(Market._meta.get_field("name"))
    from django.utils import translation

    with translation.override("fa"):
        assert display_for_field(8_050_000, field, "-") == "۸۰۵٬۰۰۰ تومان"
    with translation.override("en"):
        assert display_for_field(8_050_000, field, "-") == "805,000 Toman"


def test_html_columns_stay_html_with_their_own_ids_on_persian_pages(staff, market_alpha):
    """The action checkbox (and any column a model admin builds as HTML) is not digit-translated:
    it stays a checkbox whose value is the row's id, so actions still find their rows."""
    html = staff.get("/admin/tenants/market/").content.decode()
    assert "&lt;input" not in html
    assert re.search(rf'<input[^>]+name="_selected_action"[^>]+value="{market_alpha.pk}"', html)
