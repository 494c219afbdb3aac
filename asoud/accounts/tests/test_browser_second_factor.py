"""A market manager turns on an authenticator app from the dashboard, on a 390 px phone, in Persian;
signs out; signs in again with the SMS code and then the app's code; the dashboard opens at once."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.accounts.testing import totp_code
from asoud.core.phone import normalize_mobile
from conftest import screenshot
from storefront.orders.tests.helpers import committed
from storefront.team.models import TeamMember

from .test_browser_login import _number, read_code

pytestmark = pytest.mark.django_db
PHONE = {"width": 390, "height": 844}


def _make_manager(market, mobile: str) -> None:
    with tenant_context(market):
        TeamMember.objects.create(user=User.objects.get(mobile=normalize_mobile(mobile)), role=TeamMember.Role.MANAGER)


def _cleanup(market, mobile: str) -> None:
    user = User.objects.filter(mobile=normalize_mobile(mobile)).first()
    if user is None:
        return
    with tenant_context(market):
        TeamMember.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


def _sign_in_by_sms(page, base_url: str, mobile: str) -> None:
    page.goto(f"{base_url}/accounts/login/")  # on a phone, "Sign in" sits in the folded menu
    page.locator("input[name=phone]").fill(mobile)
    page.get_by_test_id("request-code").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    page.locator("input[name=code]").fill(read_code(page, base_url, mobile))
    page.get_by_test_id("confirm-code").click()


def test_manager_turns_on_an_authenticator_app_and_signs_in_with_it(browser, live_server_url, market_alpha):
    context = browser.new_context(viewport=PHONE, locale="fa-IR", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    mobile = _number()
    market_url = live_server_url.replace("localhost", "alpha.localhost")
    try:
        _sign_in_by_sms(page, live_server_url, mobile)
        page.wait_for_url(re.compile(r"localhost:\d+/$"))
        committed(_make_manager, market_alpha, mobile)

        # Dashboard settings → "Sign-in security" on the platform host → set up the app.
        page.goto(f"{market_url}/dashboard/settings/")
        page.wait_for_url(re.compile(r"alpha\.localhost:\d+/dashboard/settings/"))
        page.get_by_test_id("security-link").get_by_role("link").click()
        page.wait_for_url(re.compile(r"//localhost:\d+/accounts/2fa/$"))
        screenshot(page, "mfa-index-phone-fa")
        page.get_by_test_id("totp-activate").click()
        page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
        assert page.locator("img.mfa-qr").is_visible()  # the QR code, drawn on the server
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
        screenshot(page, "mfa-totp-activate-phone-fa")
        secret = page.locator("#authenticator_secret").input_value()
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
        screenshot(page, "mfa-recovery-codes-phone-fa")

        # Sign out everywhere, then sign in: SMS code first, then the app's code.
        page.goto(f"{live_server_url}/")
        page.locator(".navbar-toggler").first.click()  # the phone's folded menu
        page.get_by_test_id("account-menu").first.click()
        page.get_by_test_id("sign-out").first.click()
        page.wait_for_load_state()
        _sign_in_by_sms(page, live_server_url, mobile)
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        assert page.get_by_test_id("account-menu").count() == 0  # not signed in yet
        screenshot(page, "mfa-authenticate-phone-fa")
        page.locator("main input[name=code]").fill(totp_code(secret, step=1))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"localhost:\d+/$"))
        assert page.get_by_test_id("account-menu").count() >= 1  # signed in

        # The market's dashboard opens without asking again: the handoff carried the second factor.
        page.goto(f"{market_url}/dashboard/")
        page.wait_for_url(re.compile(r"alpha\.localhost:\d+/dashboard/$"))
        assert "/2fa/" not in page.url
        screenshot(page, "mfa-dashboard-after-sign-in-phone-fa")
    finally:
        context.close()
        committed(_cleanup, market_alpha, mobile)


def test_a_passkey_added_in_the_browser_is_asked_for_at_sign_in(browser, live_server_url, market_alpha):
    """Chromium's virtual authenticator (DevTools' WebAuthn domain) plays the phone's passkey."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_cookies([{"name": "asoud_language", "value": "en", "url": live_server_url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    options = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
               "isUserVerified": True, "automaticPresenceSimulation": True}  # fmt: skip
    devtools.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    mobile = _number()
    try:
        _sign_in_by_sms(page, live_server_url, mobile)
        page.wait_for_url(re.compile(r"localhost:\d+/$"))
        page.goto(f"{live_server_url}/accounts/2fa/webauthn/add/")
        page.locator("#mfa_webauthn_add").click()
        page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
        assert Authenticator.objects.filter(user__mobile=normalize_mobile(mobile), type="webauthn").exists()

        context.clear_cookies()  # a new browser session: sign in again
        context.add_cookies([{"name": "asoud_language", "value": "en", "url": live_server_url}])
        _sign_in_by_sms(page, live_server_url, mobile)
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        screenshot(page, "mfa-authenticate-passkey-desktop-en")
        page.locator("#mfa_webauthn_authenticate").click()
        page.wait_for_url(re.compile(r"localhost:\d+/$"))
        assert page.get_by_test_id("account-menu").first.is_visible()
    finally:
        context.close()
        committed(_cleanup, market_alpha, mobile)
