"""The owner's verification page: upload documents, see where the review stands and why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tenants.forms import MarketDocumentsForm
from tenants.selectors import market_verification_get
from tenants.services import market_documents_submit

from .views import access_market


@login_required
@require_http_methods(["GET", "POST"])
def verification(request):
    market = access_market(request)
    form = MarketDocumentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            market_documents_submit(market=market, documents=form.documents())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your documents are uploaded and wait for review."))
            return redirect("dashboard:verification")
    context = {"market": market, "verification": market_verification_get(market=market), "form": form}
    return render(request, "dashboard/verification.html", context)
