"""The second factor (django-allauth's `allauth.mfa`) as ASOUD uses it.

allauth keeps, in the session, a record of every way the visitor proved who they are ("code" for
the SMS sign-in, "mfa" for an authenticator app, a recovery code or a passkey, "password" for the
admin). Everything here reads those records: whether this session passed the second factor, and
how long ago the last check was (sensitive actions want one within 15 minutes). The records travel
with the cross-host handoff, so a market host knows what the platform host checked.
"""

from __future__ import annotations

import base64
import logging
import time
from functools import wraps
from urllib.parse import urlencode, urlsplit

from allauth.account.internal.flows import reauthentication
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
    record_authentication,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from . import handoff

audit = logging.getLogger("asoud.audit")

# What counts as a second factor; recovery codes only stand in for one that was lost.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# Fields of a record worth carrying to another host (never a phone number or a username).
_HANDOFF_FIELDS = ("method", "at", "type", "reauthenticated")


class MFAAdapter(DefaultMFAAdapter):
    """Phone accounts: the mobile number names the account in authenticator apps; passkeys belong to
    the base domain, so one added on the platform host also answers on `<market>.<base-domain>`."""

    def _get_user_identifier(self, user) -> str:
        return getattr(user, "mobile", "") or str(user)

    def get_totp_issuer(self) -> str:
        return settings.MFA_TOTP_ISSUER

    def get_public_key_credential_rp_entity(self) -> dict[str, str]:
        return {"id": settings.ASOUD_WEBAUTHN_RP_ID, "name": settings.MFA_TOTP_ISSUER}

    def send_notification_mail(self, *args, **kwargs) -> None:
        """ASOUD tells people by SMS and on the site instead (asoud/notifications/security.py)."""

    def encrypt(self, text: str) -> str:
        """TOTP secrets are stored encrypted (Fernet): a copy of the database alone cannot make codes."""
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()


def _fernet() -> Fernet:
    """The key: ASOUD_MFA_ENCRYPTION_KEY (a Fernet key) or, by default, one derived from SECRET_KEY."""
    if settings.ASOUD_MFA_ENCRYPTION_KEY:
        return Fernet(settings.ASOUD_MFA_ENCRYPTION_KEY)
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"asoud.mfa.secrets").derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def second_factor_enabled(user) -> bool:
    return (
        bool(user.is_authenticated)
        and Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()
    )


def _records(request) -> list[dict]:
    return get_authentication_records(request, request.user)


def second_factor_done(request) -> bool:
    """This session passed the second factor (on this host, or on the platform before a handoff)."""
    return any(record.get("method") == "mfa" for record in _records(request))


def last_check_at(request) -> float | None:
    """When this person last proved it is them: with a second factor, only that counts."""
    methods = {"mfa"} if second_factor_enabled(request.user) else {"mfa", "code", "password"}
    times = [record["at"] for record in _records(request) if record.get("method") in methods and "at" in record]
    return max(times, default=None)


def recently_checked(request) -> bool:
    checked = last_check_at(request)
    return checked is not None and time.time() - checked < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def records_for_handoff(request) -> list[dict]:
    return [{key: record[key] for key in _HANDOFF_FIELDS if key in record} for record in _records(request)]


def records_restore(request, *, user, records: list[dict]) -> None:
    """Start this host's session knowing what the platform host checked (times unchanged)."""
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    request.session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)


def audit_log(action: str, *, user, request=None, **details) -> None:
    """One security event, as the `asoud.audit` logger's record (the audit log turns these into rows)."""
    # The keys the audit log's bridge reads (actor, request → the client address, target).
    audit.info(
        "%s by user %s",
        action,
        user.pk,
        extra={"action": action, "actor": user, "request": request, "target": f"user {user.pk}", **details},
    )


# --- allauth.mfa signals → audit records (connected in AccountsConfig.ready) ------------------------


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    audit_log("mfa_enabled", user=user, request=request, factor=authenticator.type)
    if authenticator.type in SECOND_FACTOR_TYPES and request is not None:
        # Adding it took a valid code (or the key itself): this session has just passed the factor.
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def on_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    audit_log("mfa_disabled", user=user, request=request, factor=authenticator.type)


def on_authenticator_reset(sender, request, user, authenticator, **kwargs) -> None:
    audit_log("mfa_reset", user=user, request=request, factor=authenticator.type)


def on_authenticator_used(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        left = len(authenticator.wrap().get_unused_codes())
        audit_log("mfa_recovery_code_used", user=user, request=request, codes_left=left)


def on_authentication_failed(sender, request, user, authenticator, reauthentication=False, **kwargs) -> None:
    audit_log("mfa_failed", user=user, request=request, factor=authenticator.type, reauthentication=reauthentication)


def _mark_totp_code_used(self, code: str) -> bool:
    """allauth remembers a used authenticator code for one 30-second period, but with
    MFA_TOTP_TOLERANCE a code is accepted for 2 * tolerance + 1 periods: without this it could be
    replayed once the first period is over. Remember it for the whole window instead."""
    window = (2 * mfa_settings.TOTP_TOLERANCE + 1) * mfa_settings.TOTP_PERIOD
    return cache.add(self._get_used_cache_key(code), "y", timeout=window)


def connect_signals() -> None:
    from allauth.mfa import signals

    TOTP._mark_code_used = _mark_totp_code_used

    signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="asoud_mfa_added")
    signals.authenticator_removed.connect(on_authenticator_removed, dispatch_uid="asoud_mfa_removed")
    signals.authenticator_reset.connect(on_authenticator_reset, dispatch_uid="asoud_mfa_reset")
    signals.authenticator_used.connect(on_authenticator_used, dispatch_uid="asoud_mfa_used")
    signals.authentication_failed.connect(on_authentication_failed, dispatch_uid="asoud_mfa_failed")


# --- where a visitor proves it is them ---------------------------------------------------------------


def on_platform(request) -> bool:
    tenant = getattr(request, "tenant", None)
    return tenant is None or tenant.is_public


def return_path(request) -> str:
    """The page to come back to: this one for a GET; for a form sent with htmx or from a page, that page."""
    if request.method == "GET" and not request.headers.get("HX-Request"):
        return request.get_full_path()
    for candidate in (request.headers.get("HX-Current-URL"), request.headers.get("Referer")):
        if candidate:
            parts = urlsplit(candidate)
            if parts.netloc == request.get_host() and parts.path.startswith("/"):
                return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/dashboard/" if request.path.startswith("/dashboard/") else "/"


def platform_reverse(name: str) -> str:
    """A platform-host URL, also from middleware (which runs before the host's URLconf is active)."""
    return reverse(name, urlconf=settings.PUBLIC_SCHEMA_URLCONF)


def reauthentication_page(user) -> str:
    """Platform host: the page that asks for the second factor (or, without one, an SMS code)."""
    return platform_reverse("mfa_reauthenticate" if second_factor_enabled(user) else "account_reauthenticate_code")


def reauthenticate_url(request, *, next_path: str) -> str:
    return f"{reauthentication_page(request.user)}?{urlencode({'next': next_path})}"


def check_url(request, *, check: str) -> str:
    """Where to prove it again, then come back here. `check` is "mfa" (the session must have passed
    the second factor) or "fresh" (within the last 15 minutes). A market host asks the platform
    host, whose handoff brings the new state back."""
    here = return_path(request)
    if on_platform(request):
        return reauthenticate_url(request, next_path=here)
    start = handoff.sign_in_url(request, request.build_absolute_uri(here))
    return f"{start}&{urlencode({'check': check})}"


def redirect_to(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def reauthentication_required(view=None, *, when=None):
    """A sensitive action (a POST; `when(request)` narrows it further): the last check (second
    factor, or SMS code without one) must be under 15 minutes old. Otherwise ask again; on the
    platform host a plain form is replayed afterwards, elsewhere the person comes back to the page."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            sensitive = request.method not in ("GET", "HEAD", "OPTIONS") and (when is None or when(request))
            if sensitive and request.user.is_authenticated and not recently_checked(request):
                audit_log("reauthentication_asked", user=request.user, request=request, path=request.path)
                if on_platform(request) and not request.headers.get("HX-Request"):
                    return reauthentication.suspend_request(request, reauthentication_page(request.user))
                messages.info(request, _("Please confirm it is you, then repeat the action."))
                return redirect_to(request, check_url(request, check="fresh"))
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
