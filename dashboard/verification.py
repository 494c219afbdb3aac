"""The owner's verification page: upload documents, see where the review stands and why."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from asoud.core.private_files import document_file_response
from tenants.forms import MarketDocumentsForm
from tenants.selectors import access_market_document, market_verification_get
from tenants.services import market_documents_submit

from .access import dashboard_view


@require_http_methods(["GET", "POST"])
@dashboard_view("billing")
def verification(request):
    market = request.market
    form = MarketDocumentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            market_documents_submit(market=market, documents=form.documents())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your documents are uploaded and wait for review."))
            return redirect("dashboard:verification")
    context = {
        "market": market,
        "verification": market_verification_get(market=market),
        "form": form,
        "market_read_only": request.market_read_only,
    }
    return render(request, "dashboard/verification.html", context)


@require_GET
@dashboard_view("billing")
def document_file(request, document_id: int):
    """One of this market's verification documents, for the people who reach the billing pages."""
    document = access_market_document(user=request.user, document_id=document_id, market=request.market)
    return document_file_response(request, document=document, what=f"market document {document.pk}")
