from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from asoud.core.redis import get_redis


@require_GET
@never_cache
def healthz(request):
    """State of the database and Redis; 503 when either is down (for load balancers and humans)."""
    states = {"database": _database_state(), "redis": _redis_state()}
    failed = [name for name, state in states.items() if state != "ok"]
    body = {"status": "error" if failed else "ok", **states}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


@require_GET
def favicon(request):
    """`/favicon.ico` on every host (browsers ask for it even with a <link rel="icon">)."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as error:  # any failure means "down" to a health check
        connection.close()  # a broken connection must not be reused once the server is back
        return f"error: {error.__class__.__name__}"


def _redis_state() -> str:
    # Asked directly: the cache turns an unreachable Redis into misses (asoud.core.cache).
    try:
        return "ok" if get_redis().ping() else "error: ping"
    except Exception as error:
        return f"error: {error.__class__.__name__}"


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: after a failure the context processors' own queries (user, team, cart)
    # may fail again, or run in whichever schema the broken request left active.
    return HttpResponseServerError(loader.render_to_string("500.html"))


def staff_required(view):
    """Platform staff only: others are sent to sign in, or refused (403) when signed in."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
