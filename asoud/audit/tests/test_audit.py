"""The security audit log: what writes it (sign-ins, lockouts, roles, payouts, staff, private files)
and who can read it (staff, in the admin)."""

import logging

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.accounts.testing import mark_checked, sign_in_staff
from asoud.accounts.tests.test_login import confirm, last_code, request_code
from asoud.affiliates.services import withdrawal_request
from asoud.audit.models import AuditEvent
from asoud.core.phone import normalize_mobile
from asoud.wallet.models import LedgerEntry
from asoud.wallet.services import wallet_credit
from dashboard.tests.factories import member_make
from storefront.team.models import TeamMember

pytestmark = pytest.mark.django_db
A = AuditEvent.Action


def staff_client() -> Client:
    staff = User.objects.create_superuser("09120000777", password="staff-pass-1234")
    client = Client(HTTP_HOST="localhost")
    sign_in_staff(client, staff)  # staff pages need a second factor
    client.cookies["asoud_language"] = "en"
    client.staff = staff
    return client


def test_signing_in_with_the_texted_code_is_recorded_with_the_address(visitor, new_mobile):
    request_code(visitor, new_mobile)
    confirm(visitor, last_code(new_mobile))
    user = User.objects.get(mobile=normalize_mobile(new_mobile))
    event = AuditEvent.objects.get(action=A.SIGN_IN, actor=user)
    assert event.ip == visitor.defaults["REMOTE_ADDR"]
    assert len(event.request_id) == 32


def test_wrong_codes_are_recorded_and_the_one_that_locks_records_a_lockout(visitor, new_mobile, settings):
    settings.OTP_LOCK_FAILURES = 2
    mobile = normalize_mobile(new_mobile)
    request_code(visitor, new_mobile)
    confirm(visitor, "000000")
    assert AuditEvent.objects.filter(action=A.SIGN_IN_FAILED, target=mobile).count() == 1
    assert not AuditEvent.objects.filter(action=A.LOCKOUT, target=mobile).exists()
    confirm(visitor, "000001")
    failed = AuditEvent.objects.filter(action=A.SIGN_IN_FAILED, target=mobile)
    assert failed.count() == 2 and failed.first().metadata["method"] == "sms_code"
    lockout = AuditEvent.objects.get(action=A.LOCKOUT, target=mobile)
    assert lockout.ip == visitor.defaults["REMOTE_ADDR"] and lockout.metadata["seconds"] > 0


def test_a_wrong_admin_password_is_recorded(visitor):
    User.objects.create_superuser("09129990001", password="a-long-staff-password")
    response = visitor.post("/admin/login/?next=/admin/", {"username": "09129990001", "password": "guess"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=A.SIGN_IN_FAILED, target="09129990001")
    assert event.ip == visitor.defaults["REMOTE_ADDR"]
    assert "guess" not in str(event.metadata)


def test_an_owner_changing_a_team_role_is_recorded_for_the_market(alpha_client, market_alpha):
    owner = User.objects.get(pk=market_alpha.owner_id)
    with tenant_context(market_alpha):
        member = TeamMember.objects.get(user=member_make(TeamMember.Role.SUPPORT))
    alpha_client.force_login(owner)
    mark_checked(alpha_client, owner, method="code")  # role changes ask for a recent sign-in check
    response = alpha_client.post(f"/dashboard/team/{member.pk}/role/", {"role": TeamMember.Role.MANAGER})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=A.ROLE_CHANGE, target__startswith=f"team member {member.pk} ")
    assert event.actor == owner and event.market == market_alpha
    assert event.metadata["previous_role"] == "support" and event.metadata["role"] == "manager"


def test_staff_approving_a_withdrawal_is_recorded(marketer):
    wallet_credit(
        user=marketer.user, amount=5_000_000, kind=LedgerEntry.Kind.COMMISSION, reference="t", idempotency_key="t"
    )
    withdrawal = withdrawal_request(marketer=marketer, amount=3_000_000)
    staff = staff_client()
    staff.post("/admin/affiliates/withdrawal/", {"action": "approve", "_selected_action": [withdrawal.pk]})
    event = AuditEvent.objects.get(action=A.WITHDRAWAL_APPROVED, actor=staff.staff)
    assert event.metadata["amount"] == 3_000_000 and str(withdrawal.pk) in event.target


def test_a_staff_action_in_the_admin_is_recorded_with_its_market(market_alpha):
    staff = staff_client()
    staff.post(
        "/admin/tenants/market/",
        {"action": "suspend", "_selected_action": [market_alpha.pk], "apply": "1", "reason": "Counterfeits"},
    )
    event = AuditEvent.objects.get(action=A.STAFF_ACTION, actor=staff.staff)
    assert event.market == market_alpha
    assert "Counterfeits" in event.metadata["message"]


def test_other_areas_record_events_through_the_audit_logger(market_alpha):
    someone = User.objects.create_user("09121113333")
    logging.getLogger("asoud.audit").info(
        "Private file downloaded",
        extra={
            "action": "private_file_download",
            "actor": someone,
            "market": "alpha",
            "target": "identity/7",
            "size": 9,
        },
    )
    logging.getLogger("asoud.audit").info("No action: not an audit event", extra={"actor": someone})
    event = AuditEvent.objects.get(actor=someone)
    assert (event.action, event.actor, event.market, event.target) == (
        A.PRIVATE_FILE_DOWNLOAD,
        someone,
        market_alpha,
        "identity/7",
    )
    assert event.metadata == {"size": 9, "message": "Private file downloaded"}


def test_staff_read_the_audit_log_in_the_admin_and_nobody_else_does(visitor, new_mobile):
    request_code(visitor, new_mobile)
    confirm(visitor, "000000")
    staff = staff_client()
    page = staff.get("/admin/audit/auditevent/")
    assert page.status_code == 200
    assert "Sign-in failed" in page.text and normalize_mobile(new_mobile) in page.text
    filtered = staff.get("/admin/audit/auditevent/", {"action": "sign_in"})
    assert filtered.status_code == 200 and normalize_mobile(new_mobile) not in filtered.text
    event = AuditEvent.objects.get(action=A.SIGN_IN_FAILED, target=normalize_mobile(new_mobile))
    detail = staff.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert detail.status_code == 200 and "sms_code" in detail.text
    # Read-only: nothing to add, change or delete, even by staff.
    assert staff.get("/admin/audit/auditevent/add/").status_code == 403
    assert staff.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()

    shopper = User.objects.create_user("09121114444")
    outsider = Client(HTTP_HOST="localhost")
    outsider.force_login(shopper)
    response = outsider.get("/admin/audit/auditevent/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Client(HTTP_HOST="localhost").get("/admin/audit/auditevent/").status_code == 302


def test_the_admin_list_shows_jalali_dates_in_persian(visitor, new_mobile):
    request_code(visitor, new_mobile)
    confirm(visitor, "000000")
    staff = staff_client()
    staff.cookies["asoud_language"] = "fa"
    page = staff.get("/admin/audit/auditevent/")
    assert page.status_code == 200
    assert "۱۴۰" in page.text  # a Jalali year in Persian digits (14xx)
