"""The one affiliate endpoint on market hosts: turn a click token into the attribution cookie."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .services import attribution_cookie_value


@require_GET
@never_cache
def land(request):
    """`/aff/land/?t=<token>&next=/p/<slug>/`: set the 30-day last-click cookie, then show the product."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = "/"
    response = redirect(target)
    value = attribution_cookie_value(token=request.GET.get("t", ""), market=request.tenant)
    if value is not None:
        response.set_cookie(
            settings.AFFILIATES_COOKIE_NAME,
            value,
            max_age=settings.AFFILIATES_ATTRIBUTION_DAYS * 24 * 60 * 60,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
