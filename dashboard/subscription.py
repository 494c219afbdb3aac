"""The owner's subscription page: current plan, paid-until date, renewal through Zarinpal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from asoud.billing.services import subscription_renewal_complete, subscription_renewal_start
from asoud.core.formatting import date as jdate
from asoud.payments.exceptions import PaymentError, PaymentNotFound
from asoud.payments.models import Payment
from tenants.forms import RenewalForm
from tenants.selectors import market_plan, plan_list_purchasable

from .access import dashboard_view


@require_http_methods(["GET", "POST"])
@dashboard_view("billing")
def subscription(request):
    market = request.market
    current = market_plan(market=market)
    initial = {"plan": current if current and not current.is_free else None, "months": 1}
    form = RenewalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        callback_url = request.build_absolute_uri(reverse("dashboard:subscription_callback"))
        try:
            _renewal, gateway_url = subscription_renewal_start(
                market=market, user=request.user, callback_url=callback_url, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PaymentError as error:
            messages.error(request, error.message)
        else:
            return redirect(gateway_url)
    context = {
        "market": market,
        "plan": current,
        "plans": plan_list_purchasable(),
        "form": form,
        "closes_on": market.closes_on(),
        "is_expired": market.is_expired(),
        "market_read_only": request.market_read_only,
    }
    return render(request, "dashboard/subscription.html", context)


@require_GET
def subscription_callback(request):
    """Zarinpal sends the owner back here; the payment knows its market and renewal."""
    try:
        payment = subscription_renewal_complete(
            market=request.tenant,
            authority=request.GET.get("Authority", ""),
            status_param=request.GET.get("Status", ""),
            user=request.user,
        )
    except PaymentNotFound as error:
        messages.error(request, error.message)
        return redirect("dashboard:subscription")
    if payment.is_paid:
        request.tenant.refresh_from_db(fields=["paid_until"])
        messages.success(
            request,
            _("Thank you! Your subscription is paid until %(date)s.") % {"date": jdate(request.tenant.paid_until)},
        )
    elif payment.status == Payment.Status.PENDING:
        messages.info(
            request, _("We are still confirming your payment; your subscription is extended as soon as it is.")
        )
    else:
        messages.error(request, payment.failure_message)
    return redirect("dashboard:subscription")
