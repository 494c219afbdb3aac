"""Outermost middleware: answer `/healthz` before anything needs the database, and turn a database
outage into a friendly, translated 503 page (with Retry-After) on every host instead of a 500.

It runs before the tenant middleware, whose host → market look-up needs the database. Django turns
an exception of an inner layer into a response (500, or 400 when a session could not be saved)
before it reaches us, so an error response is checked against the database's reachability: when
PostgreSQL does not answer, the visitor gets the outage page. The page is rendered without a
request context (its processors would query the database).
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from asoud.core.language import language_for_request

from .views import healthz

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
_CHECKED_STATUSES = (400, 500)


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz(request)  # the health check needs no market, so no database look-up
        try:
            response = self.get_response(request)
        except DatabaseError:  # only reached when an inner layer re-raises
            return outage_response(request)
        if response.status_code in _CHECKED_STATUSES and (
            getattr(request, "_database_unreachable", False) or not database_reachable()
        ):
            return outage_response(request)
        return response


@receiver(got_request_exception)
def _note_connection_failure(sender, request=None, **kwargs):
    """Remember that an inner layer failed to reach the database: by the time the response reaches
    the middleware, PostgreSQL may answer again (it was starting up), but this visitor's request
    still failed for that reason."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, (OperationalError, InterfaceError)):
        request._database_unreachable = True


def database_reachable() -> bool:
    try:
        if not connection.in_atomic_block:  # (inside one, as in tests, closing would doom the transaction)
            connection.close_if_unusable_or_obsolete()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        connection.close()
        return False


def _pool_drop() -> None:
    """Forget this process's connection pool: it backs off ever longer between reconnect attempts
    (1, 2, 4, 8… s), while a new pool connects as soon as PostgreSQL answers again."""
    if connection.settings_dict["OPTIONS"].get("pool"):
        try:
            connection.close_pool()
        except Exception:  # closing a pool whose server is gone may fail too: it is dropped anyway
            connection._connection_pools.pop(connection.alias, None)


def outage_response(request) -> HttpResponse:
    logger.warning("database unreachable: %s %s answered with the outage page", request.method, request.path)
    _pool_drop()
    language = language_for_request(request)
    with translation.override(language):
        body = loader.render_to_string(
            "core/outage.html", {"LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()}
        )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
