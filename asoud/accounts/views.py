import time
from urllib.parse import urlencode

from allauth.account.internal.stagekit import clear_login
from allauth.account.views import ConfirmLoginCodeView, RequestLoginCodeView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from asoud.core.http import is_safe_next, safe_next
from asoud.core.private_files import document_file_response

from . import handoff, second_factor, services
from .forms import AddressForm, DocumentForm, ProfileForm
from .models import Address
from .selectors import access_identity_document
from .validators import normalize_iban


def login_entry(request):
    """Both /accounts/login/ and /accounts/signup/: one flow, starting with the mobile number."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("account_request_login_code") + (f"?{query}" if query else ""))


class RequestCodeView(RequestLoginCodeView):
    """allauth's number form; asking for a code (or "use another number") starts over instead of
    resuming the pending code, so a new number or a locked one is always checked."""

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" or request.GET.get("another"):
            clear_login(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signing_in_for"] = handoff.sign_in_purpose(self.request.GET.get("next", ""), request=self.request)
        return context


request_code = RequestCodeView.as_view()


class ConfirmCodeView(ConfirmLoginCodeView):
    """allauth's code page, plus a resend cooldown (shown as a countdown) and a fresh window per code."""

    def _sent_at(self) -> float:
        state = self._process.state
        return state.get("sent_at", state["at"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self._action == "verify":
            kwargs["mobile"] = self._process.state.get("phone", "")
        return kwargs

    def _resend_form_valid(self, form):
        wait = self._resend_wait()
        if wait:
            messages.error(self.request, _("You can ask for a new code in %(seconds)d seconds.") % {"seconds": wait})
            return HttpResponseRedirect(self.passthrough_next_url(reverse("account_confirm_login_code")))
        response = super()._resend_form_valid(form)
        state = self._process.state
        state["sent_at"] = state["at"] = time.time()  # the new code gets its own 3 minutes and 3 tries
        state["failed_attempts"] = 0
        self._process.persist()
        return response

    def form_invalid(self, form):
        """A spent code or a locked number ends this code at once, with that message (allauth's own
        session counter cannot see guesses that arrive together; ours, in Redis, can)."""
        errors = form.errors.as_data().get("code", [])
        if any(error.code in ("spent", "locked") for error in errors):
            clear_login(self.request)
            messages.error(self.request, errors[0].messages[0])
            return HttpResponseRedirect(reverse("account_request_login_code"))  # as allauth does
        return super().form_invalid(form)

    def _resend_wait(self) -> int:
        return max(0, int(self._sent_at() + settings.OTP_RESEND_COOLDOWN_SECONDS - time.time()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            signing_in_for=handoff.sign_in_purpose(self.request.GET.get("next", ""), request=self.request),
            resend_in=self._resend_wait(),
            can_resend=self._process.can_resend,
            phone=self._process.state.get("phone", ""),
            expires_in=max(0, int(self._process.state["at"] + self._process.timeout - time.time())),
        )
        return context


confirm_code = ConfirmCodeView.as_view()


@require_POST
def sign_out(request):
    """Sign out here and on every other host (custom domains included)."""
    if request.user.is_authenticated:
        services.user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("/")


def handoff_start(request):
    """Platform host: send the visitor back to a market host with a single-use sign-in token."""
    target = request.GET.get("next", "")
    host = handoff.target_host_allowed(target, request=request)
    if host is None:
        return HttpResponseBadRequest(_("This address is not a market on ASOUD."))
    # The language the visitor chose here travels with them (cookies are per host).
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    carried = {"lang": chosen} if chosen in dict(settings.LANGUAGES) else {}
    if request.user.is_authenticated:
        check = request.GET.get("check")
        needs_factor = check == "mfa" and second_factor.second_factor_enabled(request.user)
        if (needs_factor and not second_factor.second_factor_done(request)) or (
            check == "fresh" and not second_factor.recently_checked(request)
        ):
            return redirect(second_factor.reauthenticate_url(request, next_path=request.get_full_path()))
        records = second_factor.records_for_handoff(request)
        token = handoff.token_issue(user=request.user, host=host, records=records)
        return redirect(handoff.finish_url(target=target, params={"token": token, **carried}))
    if request.GET.get("silent"):
        return redirect(handoff.finish_url(target=target, params={"anonymous": "1", **carried}))
    return redirect(f"{reverse('account_request_login_code')}?{urlencode({'next': request.get_full_path()})}")


def handoff_finish(request):
    """Market host: redeem the token, start this host's session, continue where the visitor was."""
    next_path = request.GET.get("next", "/")
    if not next_path.startswith("/") or not is_safe_next(request, next_path):
        next_path = "/"
    token = request.GET.get("token")
    if token:
        try:
            user, records = handoff.token_redeem_with_records(token=token, host=request.get_host().split(":")[0])
        except handoff.HandoffError:
            messages.error(request, _("That sign-in link has expired or was already used. Please sign in again."))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            second_factor.records_restore(request, user=user, records=records)
    response = redirect(next_path)
    response.set_cookie(handoff.CHECKED_COOKIE, "1", httponly=True, samesite="Lax", secure=request.is_secure())
    language = request.GET.get("lang")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax",
            secure=request.is_secure(),
        )  # fmt: skip
    return response


def market_sign_in(request):
    """Market host: sign in on the platform host, then come back here signed in."""
    next_url = request.build_absolute_uri(safe_next(request, request.GET.get("next"), fallback="/"))
    return redirect(handoff.sign_in_url(request, next_url, cart_note=request.GET.get("cart", "")[:300]))


def _payout_details_change(request) -> bool:
    """The bank IBAN or its holder would change: payouts (market sales, commissions) go there."""
    current = services.profile_get(user=request.user)
    entered = request.POST.get("iban", "").strip()
    try:
        iban = normalize_iban(entered) if entered else ""
    except ValidationError:
        return False  # the form explains the mistake; nothing changes
    holder = request.POST.get("account_holder", "").strip()
    return iban != (current.iban or "") or holder != (current.account_holder or "")


@login_required
@second_factor.reauthentication_required(when=_payout_details_change)
def profile(request):
    user = request.user
    current = services.profile_get(user=user)
    form = ProfileForm(
        request.POST or None,
        initial={
            "name": user.name,
            "email": user.email,
            "national_code": current.national_code,
            "iban": current.iban,
            "account_holder": current.account_holder,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("account_profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "addresses": user.addresses.all(),
            "documents": user.documents.all(),
            "address_form": AddressForm(),
            "document_form": DocumentForm(),
        },
    )


@login_required
def address_edit(request, pk=None):
    address = get_object_or_404(Address, pk=pk, user=request.user) if pk else None
    form = AddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        services.address_save(user=request.user, address=address, **form.cleaned_data)
        messages.success(request, _("The address is saved."))
        return redirect(safe_next(request, request.POST.get("next"), fallback=reverse("account_profile")))
    return render(request, "accounts/address_form.html", {"form": form, "address": address})


@login_required
@require_POST
def address_delete(request, pk):
    services.address_delete(address=get_object_or_404(Address, pk=pk, user=request.user))
    messages.success(request, _("The address is removed."))
    return redirect("account_profile")


@login_required
@require_POST
def address_default(request, pk):
    services.address_make_default(address=get_object_or_404(Address, pk=pk, user=request.user))
    return redirect("account_profile")


@login_required
@require_POST
def document_upload(request):
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.document_upload(user=request.user, **form.cleaned_data)
        messages.success(request, _("The document is uploaded and waits for review."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("account_profile")


@require_GET
def document_file(request, document_id: int):
    """The file of an identity document: its owner and staff only; a 404 for everyone else."""
    document = access_identity_document(user=request.user, document_id=document_id)
    return document_file_response(request, document=document, what=f"identity document {document.pk}")
