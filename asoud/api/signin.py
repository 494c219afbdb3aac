"""Sign-in by SMS code for apps, through exactly the web's machinery.

The web keeps allauth's login-by-code state in the browser's session. An app has no session, so the
API gives each mobile number a short-lived server-side one (in Redis, found by the number) and runs
the same allauth forms and process in it: the same code generator and SMS service, the same
allauth rate limits (per IP and per number), our lockout after repeated wrong codes and the same
LoginAttempt audit rows.

A pending code belongs to whoever asked for it, as on the web (where it lives in that browser's
session): each code request gets its own server-side session, named by the opaque `signin` id the
answer carries and the app sends back with the code. Someone else asking for the same number (a
second phone, or a stranger) neither replaces nor spends it; asking again with one's own `signin`
starts over, as the web's "send code" does for that browser. Without `signin` the number's latest
code is checked (clients of the first v1 build).
"""

from contextlib import contextmanager

from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.account.internal.flows.phone_verification import verify_phone_indirectly
from allauth.account.stages import LoginByCodeStage, LoginStageController
from allauth.core import context as allauth_context
from allauth.mfa.base.forms import BaseAuthenticateForm
from django.conf import settings
from django.contrib.auth.models import update_last_login
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from asoud.accounts.forms import ConfirmCodeForm, RequestCodeForm
from asoud.core.phone import normalize_mobile

_SESSION_SECONDS = settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT + 60


def _pointer(mobile: str) -> str:
    return f"api:signin:{mobile}"


def _signin_key(signin: str) -> str | None:
    """A `signin` id as a session key (anything else names no session)."""
    return signin if isinstance(signin, str) and signin.isalnum() and 8 <= len(signin) <= 64 else None


@contextmanager
def _session_for(django_request, key: str | None):
    """Run allauth with this sign-in's own server-side session in place of the request's."""
    store = SessionStore(session_key=key)
    original = getattr(django_request, "session", None)
    django_request.session = store
    try:
        with allauth_context.request_context(django_request):
            yield store
    finally:
        django_request.session = original


def code_request(*, django_request, phone: str, signin: str = "") -> tuple[str, str]:
    """Send a sign-in code to `phone`: (the number in E.164, the `signin` id of this pending code).
    A `signin` from an earlier request of the same app is ended first (starting over, as on the web).
    Raises ValidationError as the web form."""
    form = RequestCodeForm(data={"phone": phone})
    with _session_for(django_request, None) as store:
        if not form.is_valid():
            raise ValidationError(dict(form.errors.as_data()))
        mobile = form.cleaned_data["phone"]
        LoginCodeVerificationProcess.initiate(request=django_request, user=form._user, phone=mobile)
        store.set_expiry(_SESSION_SECONDS)
        store.save()
    previous = _signin_key(signin)
    if previous is not None and previous != store.session_key:
        SessionStore(session_key=previous).delete()
    cache.set(_pointer(mobile), store.session_key, _SESSION_SECONDS)
    return mobile, store.session_key


def code_confirm(*, django_request, phone: str, code: str, signin: str = ""):
    """The user whose pending code this is, or ValidationError (wrong, expired, locked) as the web form.
    `signin` names the pending code (the code request's answer); without it, the number's latest."""

    try:
        mobile = normalize_mobile(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None
    key = _signin_key(signin) if signin else cache.get(_pointer(mobile))
    with _session_for(django_request, key) as store:
        stage = LoginStageController.enter(django_request, LoginByCodeStage.key)
        process = LoginCodeVerificationProcess.resume(stage) if stage else None
        if process is None or process.state.get("phone") != mobile:
            raise ValidationError({"code": [_no_pending_code()]}, code="no_pending_code")
        form = ConfirmCodeForm(data={"code": code}, code=process.code, mobile=mobile)
        if not form.is_valid():
            process.record_invalid_attempt()
            store.save()
            raise ValidationError({"code": form.errors.get("code") or [_no_pending_code()]})
        user = process.user
        verify_phone_indirectly(django_request, user, mobile)
        process.abort()  # the code is spent
        store.delete()
    if cache.get(_pointer(mobile)) == key:
        cache.delete(_pointer(mobile))
    update_last_login(None, user)
    return user


def _no_pending_code() -> str:
    return _("There is no pending code for this number. Ask for a new code.")


def second_factor_check(*, django_request, user, code: str) -> bool:
    """allauth's own check of an authenticator-app or recovery code (rate-limited, single use)."""
    if not code:
        return False
    with allauth_context.request_context(django_request):
        return BaseAuthenticateForm(data={"code": code}, user=user).is_valid()
