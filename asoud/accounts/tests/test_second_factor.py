"""The second factor (allauth.mfa): set-up, sign-in by SMS code then TOTP, recovery codes, the staff
gate on every staff URL, the admin's password sign-in, re-authentication for sensitive actions, the
handoff carrying the state to market hosts, audit records and notifications."""

import logging
import random
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.accounts.models import Profile, User
from asoud.accounts.testing import give_passkey, give_totp, mark_checked, totp_code
from asoud.audit.models import AuditEvent
from asoud.core.phone import normalize_mobile
from asoud.core.testing import english, persian
from asoud.notifications.models import Notification
from storefront.team.models import TeamMember

from .conftest import market_client
from .test_login import confirm, last_code, request_code

pytestmark = pytest.mark.django_db
VALID_IBAN = "IR062960000000100324200001"


def sms_sign_in(client, mobile):
    """Number, then the texted code: the response after the code (a redirect)."""
    request_code(client, mobile)
    return confirm(client, last_code(mobile))


def is_signed_in(client, host="localhost") -> bool:
    return client.get("/", HTTP_HOST=host).context["user"].is_authenticated


def audit_actions(caplog) -> list[str]:
    return [getattr(record, "action", "") for record in caplog.records if record.name == "asoud.audit"]


# --- TOTP set-up and sign-in ------------------------------------------------------------------------


def test_totp_set_up_then_sign_in_by_sms_code_and_authenticator_code(
    visitor, new_mobile, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO, logger="asoud.audit")
    sms_sign_in(visitor, new_mobile)
    user = User.objects.get(mobile=normalize_mobile(new_mobile))

    page = english(visitor).get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.text  # the QR code, drawn on the server
    secret = page.context["form"].secret
    wrong = english(visitor).post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=user).exists()
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after the commit
        done = english(visitor).post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done.status_code == 302
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {"totp", "recovery_codes"}
    stored = Authenticator.objects.get(user=user, type="totp").data["secret"]
    assert secret not in stored  # encrypted at rest
    assert "mfa_enabled" in audit_actions(caplog)
    rows = AuditEvent.objects.filter(action="mfa_enabled", actor=user)  # rows of the staff-visible audit log
    assert {row.metadata["factor"] for row in rows} == {"totp", "recovery_codes"}
    assert all(row.target == f"user {user.pk}" and row.ip for row in rows)
    added = Notification.objects.get(user=user, event="second_factor_added")
    assert set(added.deliveries.values_list("channel", flat=True)) == {"in_app", "sms"}

    visitor.post("/accounts/logout/")
    assert not is_signed_in(visitor)
    after_code = sms_sign_in(visitor, new_mobile)
    assert after_code["Location"].startswith("/accounts/2fa/authenticate/")
    assert not is_signed_in(visitor)  # the SMS code alone is not enough any more

    refused = english(visitor).post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert refused.status_code == 200 and "Incorrect code" in refused.text
    assert "mfa_failed" in audit_actions(caplog)
    assert not is_signed_in(visitor)
    accepted = english(visitor).post("/accounts/2fa/authenticate/", {"code": totp_code(secret, step=1)})
    assert accepted.status_code == 302
    assert is_signed_in(visitor)


def test_an_authenticator_code_works_once(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    secret = give_totp(user)
    code = totp_code(secret)
    sms_sign_in(visitor, new_mobile)
    assert visitor.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    visitor.post("/accounts/logout/")
    sms_sign_in(visitor, new_mobile)
    replay = english(visitor).post("/accounts/2fa/authenticate/", {"code": code})
    assert replay.status_code == 200 and not is_signed_in(visitor)


def test_a_used_authenticator_code_is_remembered_for_as_long_as_it_is_accepted(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    secret = give_totp(user)
    code = totp_code(secret, step=1)  # the next period's code: accepted now, and for two more periods
    sms_sign_in(visitor, new_mobile)
    assert visitor.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    key = TOTP(Authenticator.objects.get(user=user))._get_used_cache_key(code)
    remembered = cache._cache.get_client().ttl(cache.make_key(key))
    accepted_for = (2 * mfa_settings.TOTP_TOLERANCE + 1) * mfa_settings.TOTP_PERIOD
    assert remembered > accepted_for - 5


def test_a_recovery_code_signs_in_once_only(visitor, new_mobile, caplog):
    caplog.set_level(logging.INFO, logger="asoud.audit")
    user = User.objects.create_user(new_mobile)
    give_totp(user)
    codes = RecoveryCodes.activate(user).generate_codes()
    sms_sign_in(visitor, new_mobile)
    assert visitor.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    assert is_signed_in(visitor)
    assert "mfa_recovery_code_used" in audit_actions(caplog)

    visitor.post("/accounts/logout/")
    sms_sign_in(visitor, new_mobile)
    again = english(visitor).post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert again.status_code == 200 and "Incorrect code" in again.text
    assert not is_signed_in(visitor)
    assert visitor.post("/accounts/2fa/authenticate/", {"code": codes[1]}).status_code == 302


def test_removing_the_authenticator_notifies_and_is_audited(
    visitor, new_mobile, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO, logger="asoud.audit")
    user = User.objects.create_user(new_mobile)
    give_totp(user)
    visitor.force_login(user)
    mark_checked(visitor, user, method="mfa", type="totp")
    with django_capture_on_commit_callbacks(execute=True):
        assert visitor.post("/accounts/2fa/totp/deactivate/").status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()
    removed = Notification.objects.get(user=user, event="second_factor_removed")
    assert set(removed.deliveries.values_list("channel", flat=True)) == {"in_app", "sms"}
    assert "mfa_disabled" in audit_actions(caplog)


def test_managing_factors_needs_a_recent_check(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    visitor.force_login(user)
    mark_checked(visitor, user, method="code", seconds_ago=20 * 60)
    response = visitor.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/code/")


def test_passkeys_belong_to_the_base_domain(visitor, new_mobile, settings):
    user = User.objects.create_user(new_mobile)
    visitor.force_login(user)
    mark_checked(visitor, user, method="code")
    page = english(visitor).get("/accounts/2fa/webauthn/add/")
    assert page.status_code == 200
    options = page.context["js_data"]["creation_options"]["publicKey"]
    assert options["rp"]["id"] == settings.ASOUD_BASE_DOMAIN
    assert options["user"]["name"] == user.mobile
    assert "mfa/js/webauthn.js" in page.text and "<script>" not in page.text  # no inline code (CSP)


def test_a_passkey_is_a_second_factor_and_offered_only_to_its_owner(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    give_passkey(user)
    assert sms_sign_in(visitor, new_mobile)["Location"].startswith("/accounts/2fa/authenticate/")
    page = english(visitor).get("/accounts/2fa/authenticate/")
    assert 'id="mfa_webauthn_authenticate"' in page.text
    assert not is_signed_in(visitor)

    other = User.objects.create_user(f"0935{random.randint(1_000_000, 9_999_999)}")
    give_totp(other)
    visitor.post("/accounts/logout/")
    sms_sign_in(visitor, other.mobile)
    page = english(visitor).get("/accounts/2fa/authenticate/")
    assert page.status_code == 200 and 'id="mfa_webauthn_authenticate"' not in page.text


def test_a_passkey_can_be_used_to_confirm_it_is_you(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    give_passkey(user)
    visitor.force_login(user)
    mark_checked(visitor, user, method="mfa", seconds_ago=20 * 60)
    asked = visitor.get("/accounts/2fa/webauthn/add/")
    assert asked["Location"].startswith("/accounts/2fa/reauthenticate/?next=")
    with_key = visitor.get(asked["Location"])  # no code factor: allauth goes straight to the key
    assert with_key["Location"].startswith("/accounts/2fa/webauthn/reauthenticate/")
    page = english(visitor).get(with_key["Location"])
    assert page.status_code == 200 and "mfa/js/webauthn.js" in page.text


def test_security_page_in_persian_and_english(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    visitor.force_login(user)
    in_english = english(visitor).get("/accounts/2fa/")
    assert in_english.status_code == 200 and "Sign-in security" in in_english.text
    assert 'href="/accounts/2fa/totp/activate/"' in in_english.text
    in_persian = persian(visitor).get("/accounts/2fa/")
    assert in_persian.status_code == 200 and 'dir="rtl"' in in_persian.text


# --- staff ------------------------------------------------------------------------------------------


def _concrete(route: str) -> str:
    """A path matching a URL pattern: converters and regex groups filled with a plausible value."""
    route = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    route = re.sub(r"\(\?P<\w+>([^)|]*)[^)]*\)", lambda m: m.group(1) or "1", route)
    return "/" + route.replace("^", "").replace("$", "").replace("\\", "")


def staff_paths() -> list[str]:
    """Every URL of the platform host under the admin and the staff pages."""
    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                path = _concrete(route)
                if path.startswith("/admin/") or "staff/" in path:
                    found.append(path)

    walk(get_resolver("asoud.urls_public").url_patterns)
    return sorted(set(found))


def test_the_staff_url_list_covers_the_admin_and_staff_pages():
    paths = staff_paths()
    assert "/admin/" in paths and "/staff/analytics/" in paths and "/support/staff/" in paths
    assert len([p for p in paths if p.startswith("/admin/")]) > 30


def test_staff_without_a_second_factor_are_refused_on_every_staff_url(visitor, settings):
    staff = User.objects.create_superuser("09120004411", password="a-long-staff-password")
    visitor.force_login(staff)
    for path in staff_paths():
        assert path.startswith(settings.ASOUD_STAFF_PATH_PREFIXES), path
        response = visitor.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/2fa/", path
    page = english(visitor).get("/accounts/2fa/")
    assert 'data-testid="staff-needs-factor"' in page.text


def test_staff_with_a_factor_not_passed_in_this_session_are_asked_for_it(visitor):
    staff = User.objects.create_superuser("09120004412", password="a-long-staff-password")
    give_totp(staff)
    visitor.force_login(staff)
    mark_checked(visitor, staff, method="code")
    for path in ("/admin/", "/support/staff/", "/staff/analytics/"):
        response = visitor.get(path)
        assert response["Location"].startswith("/accounts/2fa/reauthenticate/?next="), path


def test_admin_password_sign_in_asks_for_the_second_factor(visitor):
    staff = User.objects.create_superuser("09120004413", password="a-long-staff-password")
    secret = give_totp(staff)
    login_page = english(visitor).get("/admin/login/")
    assert login_page.status_code == 200 and 'name="password"' in login_page.text
    wrong = english(visitor).post("/admin/login/", {"username": "09120004413", "password": "wrong"})
    assert wrong.status_code == 200 and not is_signed_in(visitor)

    response = visitor.post(
        "/admin/login/?next=/admin/", {"username": "09120004413", "password": "a-long-staff-password"}
    )
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert visitor.get("/admin/")["Location"].startswith("/admin/login/")  # not signed in yet
    passed = visitor.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert passed["Location"] == "/admin/"
    assert visitor.get("/admin/").status_code == 200


# --- sensitive actions ------------------------------------------------------------------------------


def test_changing_the_iban_asks_for_an_sms_code_then_saves(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    visitor.force_login(user)
    mark_checked(visitor, user, method="code", seconds_ago=16 * 60)
    form = {"name": "Sara", "email": "", "national_code": "", "iban": VALID_IBAN, "account_holder": "Sara"}
    asked = visitor.post("/accounts/profile/", form)
    assert asked["Location"] == "/accounts/reauthenticate/code/?next=%2Faccounts%2Fprofile%2F"
    assert not Profile.objects.filter(user=user, iban=VALID_IBAN).exists()

    visitor.post("/accounts/reauthenticate/code/", {"action": "send", "next": "/accounts/profile/"})
    wrong = english(visitor).post(
        "/accounts/reauthenticate/code/?next=/accounts/profile/", {"action": "verify", "code": "000000"}
    )
    assert wrong.status_code == 200 and "not right" in wrong.text
    code = last_code(new_mobile)
    done = visitor.post("/accounts/reauthenticate/code/?next=/accounts/profile/", {"action": "verify", "code": code})
    assert done.status_code == 302  # the suspended form is replayed
    assert Profile.objects.get(user=user).iban == VALID_IBAN
    # Within 15 minutes, no second question; a name change never asks.
    again = visitor.post("/accounts/profile/", {**form, "account_holder": "Sara R."})
    assert again["Location"] == "/accounts/profile/"


def test_changing_the_iban_with_a_factor_asks_for_the_factor(visitor, new_mobile):
    user = User.objects.create_user(new_mobile)
    secret = give_totp(user)
    visitor.force_login(user)
    mark_checked(visitor, user, method="mfa", seconds_ago=16 * 60)
    form = {"name": "", "email": "", "national_code": "", "iban": VALID_IBAN, "account_holder": "Sara"}
    asked = visitor.post("/accounts/profile/", form)
    assert asked["Location"].startswith("/accounts/2fa/reauthenticate/?next=")
    done = visitor.post(asked["Location"], {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Profile.objects.get(user=user).iban == VALID_IBAN


@pytest.fixture
def owner(market_alpha):
    return User.objects.get(pk=market_alpha.owner_id)


def owner_on_market(owner, *, method="code", seconds_ago=0):
    client = market_client("alpha.localhost")
    client.force_login(owner)
    mark_checked(client, owner, method=method, seconds_ago=seconds_ago)
    return client


def test_each_team_action_asks_again_after_15_minutes(market_alpha, owner):
    with tenant_context(market_alpha):
        member = TeamMember.objects.create(user=User.objects.create_user("09357001122"), role="editor")
    stale = owner_on_market(owner, seconds_ago=16 * 60)
    actions = [
        ("/dashboard/team/", {"mobile": "09357001133", "role": "editor"}),
        (f"/dashboard/team/{member.pk}/role/", {"role": "manager"}),
        (f"/dashboard/team/{member.pk}/remove/", {}),
    ]
    for path, data in actions:
        response = stale.post(path, data, HTTP_REFERER="http://alpha.localhost/dashboard/team/")
        location = urlsplit(response["Location"])
        assert (location.hostname, location.path) == ("localhost", "/accounts/handoff/start/"), path
        assert parse_qs(location.query)["check"] == ["fresh"]
        assert parse_qs(location.query)["next"] == ["http://alpha.localhost/dashboard/team/"]
        htmx = stale.post(
            path, data, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://alpha.localhost/dashboard/team/"
        )
        assert htmx["HX-Redirect"].startswith("http://localhost/accounts/handoff/start/")
    with tenant_context(market_alpha):
        assert TeamMember.objects.get(pk=member.pk).role == "editor"
        assert TeamMember.objects.count() == 1

    fresh = owner_on_market(owner)
    for path, data in actions:
        assert fresh.post(path, data).status_code == 302
    with tenant_context(market_alpha):
        assert not TeamMember.objects.filter(pk=member.pk).exists()
        assert TeamMember.objects.filter(user__mobile=normalize_mobile("09357001133")).exists()


def test_the_withdrawal_asks_again_after_15_minutes(visitor, new_mobile):
    from asoud.affiliates.models import Marketer, Withdrawal

    user = User.objects.create_user(new_mobile)
    Marketer.objects.create(user=user, handle=f"m{user.pk}", iban=VALID_IBAN, terms_accepted_at=timezone.now())
    visitor.force_login(user)
    mark_checked(visitor, user, method="code", seconds_ago=16 * 60)
    response = visitor.post("/marketer/withdraw/", {"amount": "300000"})
    assert response["Location"].startswith("/accounts/reauthenticate/code/?next=%2Fmarketer%2Fwithdraw%2F")
    assert not Withdrawal.objects.filter(marketer__user=user).exists()


# --- the handoff and the dashboard --------------------------------------------------------------------


def follow(platform, market, response, client=None):
    """Follow redirects across the two hosts until one answers with a page."""
    client = client or platform
    for _hop in range(8):
        if response.status_code != 302:
            return response
        parts = urlsplit(response["Location"])
        if parts.hostname:
            client = market if parts.hostname == "alpha.localhost" else platform
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        response = client.get(parts.path, query)
    return response


def test_the_handoff_carries_the_second_factor_so_the_market_never_asks_twice(visitor, owner, market_alpha):
    secret = give_totp(owner)
    visitor.force_login(owner)  # (the owner's number is shared by many tests: SMS limits)
    assert visitor.post("/accounts/2fa/reauthenticate/", {"code": totp_code(secret)}).status_code == 302
    market = market_client("alpha.localhost")
    start = visitor.get("/accounts/handoff/start/", {"next": "http://alpha.localhost/dashboard/"})
    page = follow(visitor, market, start)
    assert page.status_code == 200 and page.context["user"] == owner
    assert market.get("/dashboard/").status_code == 200  # no second question


def test_a_market_session_without_the_factor_is_sent_to_pass_it_never_skips(visitor, owner, market_alpha):
    secret = give_totp(owner)
    market = owner_on_market(owner, method="code")  # an old session, from before the factor was added
    asked = market.get("/dashboard/products/")
    location = urlsplit(asked["Location"])
    assert (location.hostname, location.path) == ("localhost", "/accounts/handoff/start/")
    assert parse_qs(location.query)["check"] == ["mfa"]

    visitor.force_login(owner)
    mark_checked(visitor, owner, method="code")  # the platform session has no factor either
    at_platform = visitor.get(location.path, {k: v[0] for k, v in parse_qs(location.query).items()})
    assert at_platform["Location"].startswith("/accounts/2fa/reauthenticate/?next=")
    passed = visitor.post(at_platform["Location"], {"code": totp_code(secret)})
    page = follow(visitor, market, passed)
    assert page.status_code == 200
    assert market.get("/dashboard/products/").status_code == 200


def test_owners_without_a_factor_use_the_dashboard_as_before(owner, market_alpha):
    assert owner_on_market(owner).get("/dashboard/").status_code == 200


def test_a_market_owner_re_authenticates_across_hosts_with_the_factor(visitor, owner, market_alpha):
    secret = give_totp(owner)
    market = owner_on_market(owner, method="mfa", seconds_ago=20 * 60)
    asked = market.post("/dashboard/team/", {"mobile": "09357001144", "role": "editor"})
    visitor.force_login(owner)
    mark_checked(visitor, owner, method="mfa", seconds_ago=20 * 60)
    at_platform = follow(visitor, market, asked)
    assert at_platform.status_code == 200 and "reauthenticate" in at_platform.request["PATH_INFO"]
    passed = visitor.post(
        at_platform.request["PATH_INFO"] + "?" + at_platform.request["QUERY_STRING"], {"code": totp_code(secret)}
    )
    back = follow(visitor, market, passed)
    assert back.status_code == 200
    assert market.post("/dashboard/team/", {"mobile": "09357001144", "role": "editor"}).status_code == 302
    with tenant_context(market_alpha):
        assert TeamMember.objects.filter(user__mobile=normalize_mobile("09357001144")).exists()
