"""Sign-in by SMS code for apps: the web's rules, audit rows and lockout; JWT refresh rotation and logout."""

import random

import pytest

from asoud.accounts.models import LoginAttempt, User
from asoud.accounts.testing import give_totp, totp_code
from asoud.sms.models import SmsMessage

from .conftest import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_number():
    """Each test its own number: allauth's per-number counters live in Redis, across tests."""
    global PHONE
    PHONE = f"+98912{random.randint(1_000_000, 9_999_999)}"


PHONE = ""


def sent_code(mobile: str | None = None) -> str:
    return SmsMessage.objects.filter(recipient=mobile or PHONE, kind=SmsMessage.Kind.OTP).latest("id").params["code"]


def ask(client, phone=None):
    phone = phone or PHONE
    return client.post("/api/v1/auth/code/", {"phone": phone}, format="json")


def test_a_code_then_tokens_that_open_private_endpoints(api):
    response = ask(
        api, "۰" + PHONE[3:].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    )  # Persian digits, as typed on a phone
    assert response.status_code == 200 and response.json()["phone"] == PHONE
    tokens = api.post("/api/v1/auth/token/", {"phone": PHONE, "code": sent_code()}, format="json")
    assert tokens.status_code == 200
    body = tokens.json()
    assert body["user"]["mobile"] == PHONE
    user = User.objects.get(mobile=PHONE)
    assert user.phone_verified and user.last_login is not None
    assert LoginAttempt.objects.filter(mobile=PHONE, action="request", outcome="sent").count() == 1
    assert LoginAttempt.objects.filter(mobile=PHONE, action="verify", outcome="success").count() == 1
    me = api_client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.status_code == 200 and me.json()["mobile"] == PHONE


def test_a_code_is_spent_once(api):
    ask(api)
    code = sent_code()
    assert api.post("/api/v1/auth/token/", {"phone": PHONE, "code": code}, format="json").status_code == 200
    again = api.post("/api/v1/auth/token/", {"phone": PHONE, "code": code}, format="json")
    assert again.status_code == 400 and "code" in again.json()["errors"]


def test_wrong_codes_are_recorded_and_end_the_code_after_three(api):
    ask(api)
    code = sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for attempt in range(3):
        response = api.post("/api/v1/auth/token/", {"phone": PHONE, "code": wrong}, format="json")
        assert response.status_code == 400
        expected = (
            "That was the last try for this code. Request a new code to continue."  # the try that spends it says so
            if attempt == 2
            else "That code is not right. Check the SMS and try again."
        )
        assert response.json()["errors"]["code"] == [expected]
    assert LoginAttempt.objects.filter(mobile=PHONE, outcome="wrong_code").count() == 3
    # Three wrong tries spend the code, as on the web: even the right one no longer works.
    assert api.post("/api/v1/auth/token/", {"phone": PHONE, "code": code}, format="json").status_code == 400


def test_a_locked_number_gets_no_code(api, settings):
    for _ in range(settings.OTP_LOCK_FAILURES):
        LoginAttempt.objects.create(mobile=PHONE, action="verify", outcome="wrong_code")
    response = ask(api)
    assert response.status_code == 400 and "Too many wrong codes" in response.json()["errors"]["phone"][0]
    assert not SmsMessage.objects.filter(recipient=PHONE).exists()
    assert LoginAttempt.objects.filter(mobile=PHONE, action="request", outcome="locked").exists()


def test_allauths_per_number_limit_applies_to_the_api_too():
    phone = f"0912{random.randint(2_000_000, 9_999_999)}"
    statuses = [ask(api_client(), phone).status_code for _ in range(4)]  # "3/5m/key", from different addresses
    assert statuses == [200, 200, 200, 400]


def test_the_auth_endpoints_are_throttled_per_address(settings):
    client = api_client()
    statuses = [
        client.post("/api/v1/auth/token/", {"phone": "x", "code": "1"}, format="json").status_code for _ in range(21)
    ]
    assert statuses[:20] == [400] * 20 and statuses[20] == 429


def test_refresh_rotates_and_logout_blacklists(api, shopper):
    from rest_framework_simplejwt.tokens import RefreshToken

    refresh = str(RefreshToken.for_user(shopper))
    rotated = api.post("/api/v1/auth/refresh/", {"refresh": refresh}, format="json")
    assert rotated.status_code == 200 and rotated.json()["refresh"] != refresh
    # The old refresh token was blacklisted by the rotation.
    assert api.post("/api/v1/auth/refresh/", {"refresh": refresh}, format="json").status_code == 401
    new_refresh = rotated.json()["refresh"]
    assert api.post("/api/v1/auth/logout/", {"refresh": new_refresh}, format="json").status_code == 204
    after = api.post("/api/v1/auth/refresh/", {"refresh": new_refresh}, format="json")
    assert after.status_code == 401 and after.json()["code"] == "token_not_valid"


def test_an_account_with_a_second_factor_needs_its_code_too(api):
    """A JWT must not skip the second factor the web asks for (staff, owners who turned it on)."""
    secret = give_totp(User.objects.create_user(PHONE))
    ask(api)
    without = api.post("/api/v1/auth/token/", {"phone": PHONE, "code": sent_code()}, format="json")
    assert without.status_code == 400 and without.json()["code"] == "second_factor_required"
    assert "access" not in without.json()
    ask(api)
    wrong = api.post(
        "/api/v1/auth/token/", {"phone": PHONE, "code": sent_code(), "second_factor_code": "000000"}, format="json"
    )
    assert wrong.status_code == 400 and "access" not in wrong.json()
    ask(api)
    tokens = api.post(
        "/api/v1/auth/token/",
        {"phone": PHONE, "code": sent_code(), "second_factor_code": totp_code(secret)},
        format="json",
    )
    assert tokens.status_code == 200 and tokens.json()["access"]


def test_a_pending_code_belongs_to_the_app_that_asked_for_it_as_on_the_web(api):
    mine = ask(api).json()
    my_code = sent_code()
    # Someone else asks for the same number (another phone, or a stranger): my code still works.
    theirs = ask(api_client()).json()
    assert theirs["signin"] != mine["signin"]
    their_code = sent_code()
    body = {"phone": PHONE, "code": my_code, "signin": mine["signin"]}
    assert api.post("/api/v1/auth/token/", body, format="json").status_code == 200
    # Their code is theirs: not the one my signin named, and still pending for them.
    assert (
        api_client()
        .post("/api/v1/auth/token/", {"phone": PHONE, "code": their_code, "signin": theirs["signin"]}, format="json")
        .status_code
        == 200
    )


def test_asking_again_with_ones_own_signin_starts_over(api):
    first = ask(api).json()
    first_code = sent_code()
    again = api.post("/api/v1/auth/code/", {"phone": PHONE, "signin": first["signin"]}, format="json").json()
    stale = api.post(
        "/api/v1/auth/token/", {"phone": PHONE, "code": first_code, "signin": first["signin"]}, format="json"
    )
    assert stale.status_code == 400 and stale.json()["errors"]["code"] == [
        "There is no pending code for this number. Ask for a new code."
    ]
    forged = api.post("/api/v1/auth/token/", {"phone": PHONE, "code": sent_code(), "signin": "x" * 32}, format="json")
    assert forged.status_code == 400
    body = {"phone": PHONE, "code": sent_code(), "signin": again["signin"]}
    assert api.post("/api/v1/auth/token/", body, format="json").status_code == 200
