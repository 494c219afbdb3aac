from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.core.formatting import toman as format_toman
from asoud.payments.exceptions import PaymentError, PaymentNotFound
from asoud.payments.models import Payment

from .forms import TopUpForm
from .selectors import wallet_balance, wallet_entries
from .services import wallet_topup_complete, wallet_topup_start

ENTRIES_PER_PAGE = 20


@login_required
@require_GET
@vary_on_headers("HX-Request")
def wallet_home(request):
    """Balance, a top-up form and the paged history (the `wallet-history` partial for htmx paging)."""
    return _home(request, TopUpForm())


@login_required
@require_POST
def wallet_topup(request):
    form = TopUpForm(request.POST)
    if form.is_valid():
        callback_url = request.build_absolute_uri(reverse("wallet:topup_callback"))
        try:
            _payment, gateway_url = wallet_topup_start(user=request.user, amount=form.rials, callback_url=callback_url)
        except PaymentError as error:
            messages.error(request, error.message)
        else:
            return redirect(gateway_url)
    return _home(request, form)


@require_GET
def wallet_topup_callback(request):
    """Zarinpal sends the payer back here. No sign-in needed: the payment knows whose wallet it is."""
    try:
        payment = wallet_topup_complete(
            authority=request.GET.get("Authority", ""), status_param=request.GET.get("Status", ""), user=request.user
        )
    except PaymentNotFound as error:
        messages.error(request, error.message)
        return redirect("wallet:home")
    if payment.is_paid:
        messages.success(request, _("%(amount)s was added to your wallet.") % {"amount": format_toman(payment.amount)})
    elif payment.status == Payment.Status.PENDING:
        messages.info(request, _("We are still confirming your payment; your wallet is credited as soon as it is."))
    else:
        messages.error(request, payment.failure_message)
    return redirect("wallet:home")


def _home(request, form: TopUpForm):
    page = Paginator(wallet_entries(user=request.user), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"balance": wallet_balance(user=request.user), "page": page, "form": form}
    template = "wallet/home.html#wallet-history" if request.htmx else "wallet/home.html"
    return render(request, template, context)
