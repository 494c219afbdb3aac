from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .forms import OutboxFilterForm
from .selectors import sms_list

OUTBOX_SIZE = 50


@require_GET
@never_cache
@vary_on_headers("HX-Request")
def outbox(request):
    """Development only: the latest messages, so a one-time code can be read without a phone."""
    if not settings.ASOUD_DEV_TOOLS:
        raise Http404
    form = OutboxFilterForm(request.GET or None)
    recipient = form.cleaned_data["to"] if form.is_valid() else ""
    context = {"form": form, "recipient": recipient, "sms_messages": sms_list(recipient=recipient, limit=OUTBOX_SIZE)}
    template = "sms/outbox.html#outbox-list" if request.htmx else "sms/outbox.html"
    return render(request, template, context)
