"""The page cache's fast path: a repeat anonymous visit answered before Django's request handling.

`PageCacheMiddleware` (inside Django, after the tenant middleware) decides what is stored and serves
hits too. But a request that reaches it has already paid Django's ASGI handler: a thread hop and a
fresh thread-sensitive executor per request, the request_started/finished signals, and the outer
middleware (metrics, outage check, security headers, CSP, static files, the host → market look-up).
For a page that is already in Redis that plumbing is most of the cost.

`PageCacheApp` wraps the HTTP application. For a GET whose host this process has seen serve a
page-cacheable request in the last few seconds (`market_recent`, filled by the middleware), by a
visitor with no session, no message and no Authorization header, it reads the storefront counter
and the page in one Redis round trip with the same key the middleware uses, and on a hit answers
itself: the visitor's own form token and ETag (`page_serve`, shared with the middleware), then the
headers of the outer middleware that the stored copy does not carry (SecurityMiddleware, CSP,
X-Request-ID), and the request is counted in the metrics under the view's name. Anything else
(a miss, a stale entry, an unknown host, a session, an error) goes to Django unchanged.

Redis is spoken to with redis-py's asyncio client (one per event loop), so a worker keeps serving
other requests while it waits for the reply: the read, and the page's analytics events pushed after
the answer is sent.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time

import redis.asyncio
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.middleware.security import SecurityMiddleware

from asoud.core.page_version import COUNTER_KEY
from asoud.observability import context, metrics
from storefront.analytics.tracking import events_key, pending_key

from .page_cache import CachedPage, market_recent, page_cacheable_visitor, page_events, page_key, page_serve

logger = logging.getLogger(__name__)

_SKIPPED_PREFIXES = ("/static/", "/media/", "/healthz", "/metrics")


class PageCacheApp:
    """ASGI wrapper around Django's HTTP application (asoud/asgi.py)."""

    def __init__(self, app):
        self.app = app
        self._backend = None
        self._clients: dict[int, redis.asyncio.Redis] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and settings.ASOUD_PAGE_CACHE:
            started = time.perf_counter()
            try:
                answer = await self._hit(scope)
            except Exception:  # the fast path is an optimisation: Django answers whatever it can't
                logger.warning("page cache fast path failed", exc_info=True)
                answer = None
            if answer is not None:
                request, response, page = answer
                await _send(response, send)
                metrics.http_observe(
                    route=page.route, method="GET", status=response.status_code, seconds=time.perf_counter() - started
                )
                payloads = page_events(request, page)
                if payloads:
                    await self._events_push(request.tenant.schema_name, payloads)
                return
        await self.app(scope, receive, send)

    async def _hit(self, scope):
        if scope["path"].startswith(_SKIPPED_PREFIXES):
            return None
        request = ASGIRequest(scope, io.BytesIO())
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        market = market_recent(host)
        if market is None:
            return None
        request.tenant = market
        if not page_cacheable_visitor(request):
            return None
        security = SecurityMiddleware(_no_response)
        if security.process_request(request) is not None:
            return None  # an HTTPS redirect: Django answers it
        key = page_key(request)
        page, version = await self._read(market.schema_name, key)
        if not isinstance(page, CachedPage) or version is None or page.version != version:
            return None
        request_id = context.request_id_from(request.headers.get("X-Request-ID"))
        response = page_serve(request, f"{key}:{version}", page, record_events=False)
        response = security.process_response(request, response)
        csp = CSPMiddleware(_no_response)
        csp.process_request(request)  # (a stored page never holds a nonce: none is made here)
        response = csp.process_response(request, response)
        response["X-Request-ID"] = request_id
        return request, response, page

    def _client(self) -> redis.asyncio.Redis:
        """The default cache's Redis, through an asyncio client of this event loop's own."""
        if self._backend is None:
            self._backend = caches.create_connection("default")
        loop = id(asyncio.get_running_loop())
        client = self._clients.get(loop)
        if client is None:
            self._clients = {loop: redis.asyncio.Redis.from_url(self._backend._servers[0], socket_timeout=2)}
            client = self._clients[loop]
        return client

    async def _read(self, schema: str, key: str):
        """The page and the storefront counter, in one MGET, under the keys the middleware used."""
        client = self._client()
        backend = self._backend
        names = [f"{schema}:{backend.key_prefix}:{backend.version}:{name}" for name in (key, COUNTER_KEY)]
        values = await client.mget(names)
        loads = backend._cache._serializer.loads
        return tuple(loads(value) if value is not None else None for value in values)

    async def _events_push(self, schema: str, payloads: list[dict]) -> None:
        """As `tracking.event_push`, on the asyncio client; Redis being down never breaks a page."""
        try:
            pipe = self._client().pipeline(transaction=False)
            pipe.rpush(
                events_key(schema), *[json.dumps(p, separators=(",", ":"), ensure_ascii=False) for p in payloads]
            )
            pipe.sadd(pending_key(), schema)
            await pipe.execute()
        except Exception:
            logger.warning("analytics: could not buffer %s event(s) for %s", len(payloads), schema, exc_info=True)


def _no_response(request):  # the middleware classes need a get_response; only their hooks are used
    raise AssertionError("not reached")


async def _send(response, send) -> None:
    headers = [(name.encode("ascii"), value.encode("latin1")) for name, value in response.items()]
    headers += [
        (b"Set-Cookie", cookie.output(header="").encode("ascii").strip()) for cookie in response.cookies.values()
    ]
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.content})
