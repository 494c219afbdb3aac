"""Request context, request metrics and the `/metrics` endpoint.

`ObservabilityMiddleware` goes first: it answers `/metrics` on any host (before the market is
resolved, so Prometheus can scrape a container by its own address), gives every request an id
(X-Request-ID, echoed in the response) and times it. `RequestContextMiddleware` goes after the
authentication middleware and records the market schema and the user for logs and Sentry.
"""

import ipaddress
import secrets
import time
from functools import lru_cache

import sentry_sdk
from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache

from . import context, metrics

METRICS_PATH = "/metrics"


class ObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == METRICS_PATH:
            return metrics_view(request)
        request_id = context.request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        # Set anew for each request; kept after the response so Django's own "Not Found: …" lines
        # (logged once the middleware has returned) still carry them; cleared at request_finished.
        context.request_id.set(request_id)
        context.schema_name.set(None)
        context.user_id.set(None)
        started = time.perf_counter()
        # A scope of its own per request, whatever the server: tags never leak to the next request.
        with sentry_sdk.isolation_scope():
            sentry_sdk.set_tag("request_id", request_id)
            response = self.get_response(request)
        metrics.http_observe(
            route=_route(request),
            method=request.method,
            status=response.status_code,
            seconds=time.perf_counter() - started,
        )
        response["X-Request-ID"] = request_id
        return response


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        schema = getattr(tenant, "schema_name", None)
        user_pk = None
        # Only a visitor with a session can be signed in: others are never looked up, so their
        # responses do not vary on the cookie because of us (anonymous pages stay cacheable).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            user_pk = user.pk if user is not None and user.is_authenticated else None
        context.schema_name.set(schema)
        context.user_id.set(user_pk)
        if schema:
            sentry_sdk.set_tag("market_schema", schema)
        if user_pk is not None:
            sentry_sdk.set_tag("user_id", str(user_pk))
        return self.get_response(request)


def context_clear(**kwargs) -> None:
    """request_finished: the thread that served the request serves other work next."""
    context.request_id.set(None)
    context.schema_name.set(None)
    context.user_id.set(None)


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name:
        return match.view_name
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


# --- /metrics -------------------------------------------------------------------------------------


def metrics_allowed(request) -> bool:
    """A bearer token (ASOUD_METRICS_TOKEN) or a peer address in ASOUD_METRICS_ALLOW; nothing else."""
    token = settings.ASOUD_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    offered = header[7:].strip() if header.startswith("Bearer ") else ""
    if token and offered and secrets.compare_digest(offered.encode(), token.encode()):
        return True
    # The direct peer, never X-Forwarded-For: the allow-list is for scrapers inside the network.
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(network, strict=False) for network in settings.ASOUD_METRICS_ALLOW)


@never_cache
def metrics_view(request):
    if not metrics_allowed(request):
        return HttpResponseForbidden(
            "Forbidden: /metrics needs the bearer token or an allowed address.\n", content_type="text/plain"
        )
    queues = metrics.CeleryQueueCollector(
        redis_client=_broker_redis(),
        queues=list(settings.ASOUD_WORKER_QUEUES),
        key_prefix=getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get("global_keyprefix", ""),
    )
    body = metrics.exposition(extra_collectors=[queues])
    return HttpResponse(body, content_type="text/plain; version=0.0.4; charset=utf-8")


@lru_cache(maxsize=1)
def _broker_redis():
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2)
