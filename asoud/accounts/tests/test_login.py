"""Sign-in by mobile number and SMS code, end to end through allauth and the SMS outbox."""

import pytest
from django.conf import settings
from django.utils import translation

from asoud.accounts.models import LoginAttempt, User
from asoud.core.phone import normalize_mobile
from asoud.core.testing import english, persian
from asoud.sms.models import SmsMessage

pytestmark = pytest.mark.django_db


def request_code(client, mobile, **extra):
    return english(client).post("/accounts/login/code/", {"phone": mobile}, **extra)


def last_code(mobile) -> str:
    message = SmsMessage.objects.filter(recipient=normalize_mobile(mobile)).order_by("-id").first()
    assert message is not None, "no SMS was queued"
    return message.params["code"] if message.params and "code" in message.params else message.text[-6:]


def confirm(client, code):
    return english(client).post("/accounts/login/code/confirm/", {"code": code, "action": "verify"})


def test_login_and_signup_pages_lead_to_the_mobile_number_form(visitor):
    for path in ("/accounts/login/", "/accounts/signup/"):
        response = visitor.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/code/")
    page = persian(visitor).get("/accounts/login/code/")
    assert page.status_code == 200
    assert "شماره موبایل" in page.text


def test_a_new_number_signs_up_and_is_signed_in_with_the_texted_code(visitor, new_mobile):
    response = request_code(visitor, new_mobile)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/code/confirm/")
    code = last_code(new_mobile)
    assert len(code) == 6 and code.isdigit()

    response = confirm(visitor, code)
    assert response.status_code == 302
    user = User.objects.get(mobile=normalize_mobile(new_mobile))
    assert user.phone_verified
    assert visitor.get("/").context["user"] == user
    assert LoginAttempt.objects.filter(mobile=user.mobile, outcome="success").count() == 1
    assert LoginAttempt.objects.filter(mobile=user.mobile, action="request", outcome="sent").count() == 1


def test_persian_digits_in_the_code_are_accepted(visitor, new_mobile):
    request_code(visitor, new_mobile)
    persian = last_code(new_mobile).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    confirm(visitor, persian)
    assert visitor.get("/").context["user"].is_authenticated


def test_an_invalid_number_gets_a_clear_message(visitor):
    response = request_code(visitor, "12345")
    assert response.status_code == 200
    assert "valid Iranian mobile number" in response.text


def test_three_wrong_codes_end_the_code_with_a_clear_message(visitor, new_mobile):
    request_code(visitor, new_mobile)
    first = confirm(visitor, "000000")
    assert first.status_code == 200
    assert "That code is not right" in first.text
    confirm(visitor, "000001")
    third = confirm(visitor, "000002")
    assert third.status_code == 302  # the code is spent: back to the number form
    page = english(visitor).get(third["Location"])
    assert "last try for this code" in page.text
    assert not page.context["user"].is_authenticated
    assert LoginAttempt.objects.filter(mobile=normalize_mobile(new_mobile), outcome="wrong_code").count() == 3


def test_repeated_failures_lock_the_number(visitor, new_mobile, settings):
    settings.OTP_LOCK_FAILURES = 4
    request_code(visitor, new_mobile)
    for wrong in ("000000", "000001", "000002"):
        confirm(visitor, wrong)
    request_code(visitor, new_mobile)
    confirm(visitor, "000003")  # fourth failure inside the window: locked
    response = request_code(visitor, new_mobile)
    assert response.status_code == 200
    assert "Too many wrong codes for this number" in response.text
    assert LoginAttempt.objects.filter(mobile=normalize_mobile(new_mobile), outcome="locked").exists()


def test_code_requests_are_throttled_per_number(visitor, new_mobile):
    for _ in range(3):
        assert request_code(visitor, new_mobile).status_code == 302
    response = request_code(visitor, new_mobile)
    assert response.status_code == 200
    assert "Too many code requests" in response.text
    assert LoginAttempt.objects.filter(mobile=normalize_mobile(new_mobile), outcome="throttled").count() == 1


def test_code_requests_are_throttled_per_ip(visitor, new_mobile):
    base = int(new_mobile[2:])
    statuses = [request_code(visitor, f"09{base + i:09d}").status_code for i in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 200


def test_resend_waits_for_the_cooldown_and_then_sends_a_fresh_code(visitor, new_mobile, settings):
    request_code(visitor, new_mobile)
    page = english(visitor).get("/accounts/login/code/confirm/")
    assert 'id="resend"' in page.text and "disabled" in page.text  # countdown running
    response = english(visitor).post("/accounts/login/code/confirm/", {"action": "resend"})
    assert response.status_code == 302
    assert SmsMessage.objects.filter(recipient=normalize_mobile(new_mobile)).count() == 1  # refused: too early

    settings.OTP_RESEND_COOLDOWN_SECONDS = 0
    visitor.post("/accounts/login/code/confirm/", {"action": "resend"})
    assert SmsMessage.objects.filter(recipient=normalize_mobile(new_mobile)).count() == 2
    confirm(visitor, last_code(new_mobile))
    assert visitor.get("/").context["user"].is_authenticated


def test_staff_can_still_use_a_password_for_the_admin(visitor):
    User.objects.create_superuser("09129990000", password="a-long-staff-password")
    response = visitor.post(
        "/admin/login/?next=/admin/", {"username": "09129990000", "password": "a-long-staff-password"}
    )
    assert response.status_code == 302
    # Signed in, but the admin opens only once a second factor is set up (test_second_factor.py).
    assert visitor.get("/admin/")["Location"] == "/accounts/2fa/"


def test_pages_render_in_persian_by_default(visitor, new_mobile):
    request_code(visitor, new_mobile)
    visitor.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)  # request_code chose English: choose nothing
    with translation.override("fa"):
        page = visitor.get("/accounts/login/code/confirm/")
    assert "کد" in page.text


def test_numbers_that_never_entered_their_code_are_cleaned_up(market_alpha):
    from datetime import timedelta

    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from asoud.accounts.services import unverified_users_delete
    from storefront.team.models import TeamMember

    old = timezone.now() - timedelta(days=2)
    stale = User.objects.create_user("09351230001", date_joined=old)
    invited = User.objects.create_user("09351230002", date_joined=old)
    fresh = User.objects.create_user("09351230003")
    verified = User.objects.create_user("09351230004", date_joined=old, phone_verified=True)
    with tenant_context(market_alpha):
        TeamMember.objects.create(user=invited, role=TeamMember.Role.SUPPORT)

    unverified_users_delete()

    remaining = set(
        User.objects.filter(pk__in=[stale.pk, invited.pk, fresh.pk, verified.pk]).values_list("pk", flat=True)
    )
    assert remaining == {invited.pk, fresh.pk, verified.pk}
