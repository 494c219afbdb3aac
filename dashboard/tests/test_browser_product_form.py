"""The product form on a phone in Persian: no empty discount row until the owner asks for one, and its
dates come from the Jalali calendar (issue 15, item 3)."""

import pytest
from django.test import Client

from asoud.accounts.models import User
from conftest import SCREENSHOTS
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db

OWNER = "+989130000001"


def owner_session() -> str:
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(mobile=OWNER))
    return client.cookies["sessionid"].value


@pytest.mark.parametrize("width", [390, 1366])
def test_discount_rows_and_the_jalali_picker(browser, live_server_url, market_alpha, width):
    shop = live_server_url.replace("localhost", "alpha.localhost")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fa-IR")
    context.add_cookies(
        [
            {"name": "sessionid", "value": committed(owner_session), "url": shop},
            {"name": "asoud_language", "value": "fa", "url": shop},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{shop}/dashboard/products/new/")
        discounts = page.locator("#discounts")
        assert discounts.locator(".formset-row").count() == 0
        assert discounts.locator('input[name="discounts-TOTAL_FORMS"]').input_value() == "0"
        discounts.locator("[data-formset-add]").click()
        assert discounts.locator(".formset-row").count() == 1
        discounts.locator('[data-testid="calendar-discounts-0-starts_at"]').click()
        calendar = page.locator("#calendar-discounts-0-starts_at")
        calendar.wait_for()
        page.screenshot(path=str(SCREENSHOTS / f"product-form-jalali-{width}.png"))  # what is on screen
        calendar.locator('[data-testid="jalali-day"]').nth(15).click()  # the 16th of the month
        value = page.locator("#id_discounts-0-starts_at").input_value()
        assert value.startswith("۱۴") and value.endswith("/۱۶")  # Persian digits (issue 15, item 11)
        assert calendar.count() == 0
        assert errors == []
    finally:
        context.close()
