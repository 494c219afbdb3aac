"""Sign-in by SMS code for apps, through exactly the web's machinery.

The web keeps allauth's login-by-code state in the browser's session. An app has no session, so the
API gives each mobile number a short-lived server-side one (in Redis, found by the number) and runs
the same allauth forms and process in it: the same code generator and SMS service, the same
allauth rate limits (per IP and per number), our lockout after repeated wrong codes and the same
LoginAttempt audit rows. A new code request for the number replaces the pending one, as "use
another number" does on the web.
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

from asoud.accounts.forms import ConfirmCodeForm, RequestCodeForm

_SESSION_SECONDS = settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT + 60


def _pointer(mobile: str) -> str:
    return f"api:signin:{mobile}"


@contextmanager
def _session_for(django_request, mobile: str | None):
    """Run allauth with this number's own server-side session in place of the request's."""
    key = cache.get(_pointer(mobile)) if mobile else None
    store = SessionStore(session_key=key)
    original = getattr(django_request, "session", None)
    django_request.session = store
    try:
        with allauth_context.request_context(django_request):
            yield store
    finally:
        django_request.session = original


def code_request(*, django_request, phone: str) -> str:
    """Send a sign-in code to `phone`; returns the number in E.164. Raises ValidationError as the web form."""
    form = RequestCodeForm(data={"phone": phone})
    with _session_for(django_request, None) as store:
        if not form.is_valid():
            raise ValidationError(dict(form.errors.as_data()))
        mobile = form.cleaned_data["phone"]
        LoginCodeVerificationProcess.initiate(request=django_request, user=form._user, phone=mobile)
        store.set_expiry(_SESSION_SECONDS)
        store.save()
    cache.set(_pointer(mobile), store.session_key, _SESSION_SECONDS)
    return mobile


def code_confirm(*, django_request, phone: str, code: str):
    """The user whose pending code this is, or ValidationError (wrong, expired, locked) as the web form."""
    from asoud.core.phone import normalize_mobile

    try:
        mobile = normalize_mobile(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None
    with _session_for(django_request, mobile) as store:
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
    cache.delete(_pointer(mobile))
    update_last_login(None, user)
    return user


def _no_pending_code() -> str:
    from django.utils.translation import gettext as _

    return _("There is no pending code for this number. Ask for a new code.")


def second_factor_check(*, django_request, user, code: str) -> bool:
    """allauth's own check of an authenticator-app or recovery code (rate-limited, single use)."""
    if not code:
        return False
    with allauth_context.request_context(django_request):
        return BaseAuthenticateForm(data={"code": code}, user=user).is_valid()
