"""The shopper's sign-in journey in a real browser (Debian chromium via Playwright)."""

import random
import re

import pytest

from conftest import screenshot

pytestmark = pytest.mark.django_db


def _number() -> str:
    return f"0936{random.randint(1_000_000, 9_999_999)}"


def read_code(page, base_url: str, mobile: str) -> str:
    outbox = page.context.new_page()
    outbox.goto(f"{base_url}/dev/outbox/?to={mobile}")
    code = outbox.locator(".otp-code").first.inner_text().strip()
    outbox.close()
    return code.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


def request_code(page, base_url: str, mobile: str) -> None:
    page.goto(f"{base_url}/")
    page.get_by_test_id("sign-in").first.click()
    page.locator("input[name=phone]").fill(mobile)
    page.get_by_test_id("request-code").click()


def test_new_number_signs_up_reads_the_outbox_and_is_signed_in_on_a_market_too(page, live_server_url, market_alpha):
    mobile = _number()
    request_code(page, live_server_url, mobile)
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    screenshot(page, "login-code-fa")
    page.locator("input[name=code]").fill(read_code(page, live_server_url, mobile))
    page.get_by_test_id("confirm-code").click()
    page.wait_for_url(re.compile(r"localhost:\d+/$"))
    assert page.get_by_test_id("account-menu").first.is_visible()

    market_url = live_server_url.replace("localhost", "alpha.localhost")
    page.goto(f"{market_url}/")
    page.wait_for_url(re.compile(r"alpha\.localhost:\d+/$"))
    assert page.get_by_test_id("account-menu").count() >= 1  # signed in on the market host too
    screenshot(page, "market-signed-in")


def test_three_wrong_codes_show_a_clear_message(page, live_server_url):
    mobile = _number()
    page.context.add_cookies([{"name": "asoud_language", "value": "en", "url": live_server_url}])
    request_code(page, live_server_url, mobile)
    for wrong in ("000000", "000001", "000002"):
        page.locator("input[name=code]").fill(wrong)
        page.get_by_test_id("confirm-code").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/$"))
    assert page.get_by_text("That was the last try for this code").is_visible()
    screenshot(page, "login-too-many-wrong-codes-en")


def test_repeated_requests_are_throttled(page, live_server_url):
    mobile = _number()
    page.context.add_cookies([{"name": "asoud_language", "value": "en", "url": live_server_url}])
    request_code(page, live_server_url, mobile)
    for _ in range(3):
        page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
        page.get_by_text("Use another number").click()  # back to the number form, same number again
        page.locator("input[name=phone]").fill(mobile)
        page.get_by_test_id("request-code").click()
    assert page.get_by_text("Too many code requests").is_visible()
    screenshot(page, "login-throttled-en")
