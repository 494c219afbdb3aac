"""Finding 6 (admin): repeated wrong staff passwords lock that account out from that address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from asoud.accounts.models import User
from asoud.accounts.testing import give_totp, totp_code
from asoud.core.testing import english, persian

pytestmark = pytest.mark.django_db


def sign_in(client, password):
    return english(client).post("/admin/login/?next=/admin/", {"username": "09129990011", "password": password})


def test_wrong_admin_passwords_lock_the_account_out(settings):
    User.objects.create_superuser("09129990011", password="the-right-staff-password")
    attacker = Client(HTTP_HOST="localhost", REMOTE_ADDR="10.9.8.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(attacker, "guess").status_code == 200  # the form again, with its error
    locked = sign_in(attacker, "guess")
    assert locked.status_code == 429
    assert "Too many wrong passwords for this account from your address." in locked.text
    in_persian = persian(attacker).post("/admin/login/", {"username": "09129990011", "password": "guess"})
    assert in_persian.status_code == 429 and "۱۵" in in_persian.text  # Persian digits (the text: sec-edges.json)
    # Even the right password is refused now, from that address.
    assert sign_in(attacker, "the-right-staff-password").status_code == 429
    assert attacker.get("/admin/").status_code == 302
    assert AccessAttempt.objects.filter(ip_address="10.9.8.7", failures_since_start__gte=5).exists()

    # The staff member, from their own address, is not locked out by someone else's guessing.
    # (Their password is accepted and they are led to their second factor, as every staff member is.)
    secret = give_totp(User.objects.get(mobile="+989129990011"))
    staff = Client(HTTP_HOST="localhost", REMOTE_ADDR="10.9.8.8")
    accepted = sign_in(staff, "the-right-staff-password")
    assert accepted.status_code == 302 and accepted["Location"].startswith("/accounts/2fa/authenticate/")
    assert staff.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})["Location"] == "/admin/"
    assert staff.get("/admin/").status_code == 200
