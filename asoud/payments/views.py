"""HTTP face of the Zarinpal sandbox emulator (asoud.payments.sandbox); 404 unless ASOUD_DEV_TOOLS."""

import json
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import sandbox


def dev_tools_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "ASOUD_DEV_TOOLS", False):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _api(handler):
    """A JSON endpoint of the gateway: POST, JSON in and out, no CSRF (it is another site's API)."""

    @csrf_exempt
    @never_cache
    @dev_tools_only
    @require_POST
    @wraps(handler)
    def view(request):
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            status, payload = sandbox.error_answer(-9, [{"body": "The body must be a JSON object."}])
        else:
            status, payload = handler(request, body)
        return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})

    return view


@_api
def request_json(request, body):
    return sandbox.payment_request(body, referer=request.headers.get("Referer", ""))


@_api
def verify_json(request, body):
    return sandbox.payment_verify(body)


@_api
def inquiry_json(request, body):
    return sandbox.payment_inquiry(body)


@_api
def unverified_json(request, body):
    return sandbox.payment_unverified(body)


@csrf_exempt
@never_cache
@dev_tools_only
@require_http_methods(["GET", "POST"])
def start_pay(request, authority: str):
    """The payment page: amount, Pay and Cancel; both send the shopper back to the callback."""
    session = sandbox.session_get(authority)
    if session is None:
        return render(request, "payments/sandbox_startpay.html", {"authority": authority}, status=404)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("pay", "cancel"):
            return HttpResponseRedirect(sandbox.session_finish(authority, paid=action == "pay"))
    context = {
        "authority": authority,
        "session": session,
        "amount_rials": sandbox.amount_in_rials(session),
        "finished": session["state"] != "new",
        "return_url": sandbox.return_address(session),
    }
    return render(request, "payments/sandbox_startpay.html", context)
