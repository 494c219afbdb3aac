"""Sign-in steps around the second factor: the admin's password sign-in (then allauth's factor step)
and confirming it is you with an SMS code, for people without a factor, before a sensitive action."""

import secrets
import time

from allauth.account.internal.flows.login import perform_password_login, record_authentication
from allauth.account.internal.flows.reauthentication import resume_request
from allauth.account.models import Login
from allauth.core import ratelimit
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import LoginAttempt
from .validators import to_latin_digits

_SESSION_KEY = "asoud_reauth_code"
_MAX_TRIES = 3


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def admin_login(request):
    """The admin's password form; the sign-in itself runs through allauth's stages, so someone with
    a second factor is asked for it before the admin opens (and staff without one must add one)."""
    next_url = _safe_next(request, reverse("admin:index"))
    if request.user.is_authenticated and request.user.is_staff:
        return redirect(next_url)
    form = AdminAuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        return perform_password_login(request, {"username": user.mobile}, Login(user=user, redirect_url=next_url))
    context = {
        **admin.site.each_context(request),
        "form": form,
        "title": _("Log in"),
        "app_path": request.get_full_path(),
        "next": next_url,
        "site_header": admin.site.site_header,
    }
    return render(request, "admin/login.html", context)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}),
    )

    def clean_code(self) -> str:
        return to_latin_digits(self.cleaned_data["code"]).strip()


@login_required
def reauthenticate_code(request):
    """Confirm it is you with a fresh SMS code (for people without a second factor)."""
    user = request.user
    state = request.session.get(_SESSION_KEY) or {}
    next_url = _safe_next(request, "/")
    form = CodeForm(request.POST if request.POST.get("action") == "verify" else None)
    if request.method == "POST" and request.POST.get("action") == "send":
        wait = int(state.get("sent_at", 0) + settings.OTP_RESEND_COOLDOWN_SECONDS - time.time())
        if wait > 0:
            messages.error(request, _("You can ask for a new code in %(seconds)d seconds.") % {"seconds": wait})
        elif not ratelimit.consume(request, action="request_login_code", key=user.mobile):
            messages.error(request, _("Please wait a little before requesting another code."))
        else:
            code = "".join(secrets.choice("0123456789") for _digit in range(6))
            request.session[_SESSION_KEY] = {"code": code, "sent_at": time.time(), "tries": 0}
            services.otp_send(mobile=user.mobile, code=code, request=request)
            messages.success(request, _("We sent a code to your number."))
        return redirect(f"{reverse('account_reauthenticate_code')}?{urlencode({'next': next_url})}")
    if request.method == "POST" and form.is_valid():
        if _code_matches(request, state, form.cleaned_data["code"]):
            request.session.pop(_SESSION_KEY, None)
            record_authentication(request, user, "code", reauthenticated=True)
            return resume_request(request) or redirect(next_url)
        form.add_error("code", _("That code is not right, or it has expired. Ask for a new code."))
    return render(
        request,
        "account/reauthenticate_code.html",
        {"form": form, "sent": bool(state.get("code")), "next": next_url, "phone": user.mobile},
    )


def _code_matches(request, state: dict, entered: str) -> bool:
    if not state.get("code") or time.time() - state["sent_at"] > settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT:
        return False
    state["tries"] += 1
    request.session[_SESSION_KEY] = state if state["tries"] < _MAX_TRIES else {"sent_at": state["sent_at"]}
    matches = secrets.compare_digest(state["code"], entered)
    outcome = LoginAttempt.Outcome.SUCCESS if matches else LoginAttempt.Outcome.WRONG_CODE
    services.login_attempt_record(
        mobile=request.user.mobile, request=request, action=LoginAttempt.Action.VERIFY, outcome=outcome
    )
    return matches
