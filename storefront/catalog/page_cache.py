"""Whole storefront pages for anonymous visitors, served from Redis before any session or template work.

For a visitor without a session (so: no cart, not signed in, retail prices) and without a waiting
flash message, a storefront page is a function of the market, its storefront version, the language
and the URL, except for the form token (CSRF), which is per visitor. So the rendered page is kept
under exactly those parts, with the token cut out, and every hit puts this visitor's own token back.
docs/performance.md says what is cached and why one visitor can never get another's page.

Only views wrapped in `storefront_page` opt in (home, listings, product, search, about: found by
resolving the path, so other requests pay nothing), and only a 200 answer that set no cookie but the form token is kept. The analytics events the view recorded are
kept with the page and recorded again for every visitor served from the cache.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token, get_token
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django_tenants.utils import get_public_schema_name

from asoud.core.language import language_for_request
from asoud.core.page_version import COUNTER_KEY
from storefront.analytics.tracking import event_payload, event_push
from tenants.selectors import market_closed_reason

from .cache import storefront_counter

TOKEN_PLACEHOLDER = b"\x00asoud-form-token\x00"
# Campaign tags and click ids change nothing on the page: one cache entry for all of them.
_IGNORED_PARAMS = ("fbclid", "gclid", "yclid", "msclkid")
_MAX_QUERY_LENGTH = 512
_MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# A form field still holding a token after the cut: someone else's, or one we can't trace.
_FORM_TOKEN_LEFT = re.compile(rb'name="csrfmiddlewaretoken" value="(?!\x00asoud-form-token\x00)')
_DROPPED_HEADERS = {"set-cookie", "etag", "content-length"}


@dataclass
class CachedPage:
    version: int  # the storefront counter it was rendered under: any other value means stale
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    events: list[tuple[str, dict]] = field(default_factory=list)
    route: str = "unmatched"  # the view's name, for the request metrics of a hit served before Django


# Host → market, remembered by each process for a few seconds after a page-cacheable request, so the
# ASGI fast path (page_cache_asgi) can answer a repeat visit without the tenant middleware's look-up.
_recent_markets: dict[str, tuple[float, object]] = {}


def market_remember(host: str, market) -> None:
    _recent_markets[host] = (time.monotonic() + settings.ASOUD_PAGE_CACHE_HOST_SECONDS, market)


def market_recent(host: str):
    """The market this process saw behind `host` less than ASOUD_PAGE_CACHE_HOST_SECONDS ago, or None."""
    found = _recent_markets.get(host)
    if found is None:
        return None
    if found[0] < time.monotonic():
        _recent_markets.pop(host, None)
        return None
    return found[1]


def page_cacheable_request(request) -> bool:
    """May this request be answered from (or stored into) the page cache?"""
    if not settings.ASOUD_PAGE_CACHE or request.method != "GET":
        return False
    if getattr(request, "tenant", None) is None:
        return False
    if not _page_view(request):
        return False  # not a storefront page: no Redis round trips for it
    return page_cacheable_visitor(request)


def page_cacheable_visitor(request) -> bool:
    """The visitor-side conditions (no view resolution): shared with the ASGI fast path."""
    tenant = request.tenant
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False  # a session means a cart, a sign-in or a price tier; messages are per visitor
    if "HTTP_AUTHORIZATION" in request.META or len(request.META.get("QUERY_STRING", "")) > _MAX_QUERY_LENGTH:
        return False
    if tenant.schema_name == get_public_schema_name():
        return True  # the platform host: its marketplace pages (versioned by marketplace_version_bump)
    return market_closed_reason(market=tenant, user=AnonymousUser()) is None


def _page_view(request) -> bool:
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return getattr(match.func, "page_cacheable", False)


def page_key(request) -> str:
    tenant = request.tenant
    query = sorted(
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not name.startswith("utm_") and name not in _IGNORED_PARAMS
    )
    language = language_for_request(request)
    fragment = "htmx" if request.headers.get("HX-Request") == "true" else "page"
    url = hashlib.blake2s(f"{request.path}?{urlencode(query)}".encode(), digest_size=16).hexdigest()
    market_stamp = tenant.updated_at.timestamp() if tenant.updated_at else 0
    return f"page:{tenant.schema_name}:{market_stamp}:{language}:{fragment}:{url}"


class PageCacheMiddleware:
    """Right after the market is known from the host: a hit costs two Redis reads and no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cacheable_request(request):
            return self.get_response(request)
        market_remember(request.get_host(), request.tenant)
        key = page_key(request)
        # The page and the storefront counter in one round trip; the counter is read before rendering,
        # so a change made while the page renders leaves it stale, never wrongly fresh.
        found = cache.get_many([COUNTER_KEY, key])
        version = found.get(COUNTER_KEY)
        if version is None:
            version = storefront_counter()
        page = found.get(key)
        if page is not None and page.version == version:
            return self._serve(request, f"{key}:{version}", page)
        request.tracked_events = []
        response = self.get_response(request)
        page = self._storable(request, response, version)
        if page is not None:
            cache.set(key, page, settings.ASOUD_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def _storable(self, request, response, version: int) -> CachedPage | None:
        if response.status_code != 200 or response.streaming:
            return None
        if response.get("Content-Language", settings.LANGUAGE_CODE) != language_for_request(request):
            return None  # rendered in another language than the key says (e.g. chosen by Accept-Language)
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return None  # the view started a session, or set a language or affiliate cookie
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        if b' nonce="' in response.content:
            return None  # a CSP nonce is per response: a stored copy would carry a stale one
        body = _token_cut(response.content, request.META.get("CSRF_COOKIE"))
        if body is None:
            return None
        headers = [(name, value) for name, value in response.items() if name.lower() not in _DROPPED_HEADERS]
        match = getattr(request, "resolver_match", None)
        route = match.view_name if match is not None and match.view_name else "unmatched"
        return CachedPage(version, response.status_code, headers, body, list(request.tracked_events), route)

    def _serve(self, request, key: str, page: CachedPage):
        return page_serve(request, key, page)


def page_serve(request, key: str, page: CachedPage, *, record_events: bool = True) -> HttpResponse:
    """The stored page for this visitor: their own form token, their own ETag, their analytics events
    (recorded here, or by the caller with `page_events` when it has its own way to push them)."""
    csrf = CsrfViewMiddleware(_no_response)
    csrf.process_request(request)  # the visitor's own form-token secret, if the cookie has one
    etag = '"{}"'.format(
        hashlib.blake2s(
            f"{key}|{request.COOKIES.get(settings.CSRF_COOKIE_NAME, '')}".encode(), digest_size=12
        ).hexdigest()
    )
    payloads = page_events(request, page)
    if payloads and record_events:
        event_push(schema=request.tenant.schema_name, payloads=payloads)
    headers = dict(page.headers)
    not_modified = get_conditional_response(request, etag=etag)
    if isinstance(not_modified, HttpResponseNotModified):
        response = not_modified
        for name in ("Cache-Control", "Vary", "Content-Language"):
            if name in headers:
                response[name] = headers[name]
    else:
        body = page.body
        if TOKEN_PLACEHOLDER in body:
            body = body.replace(TOKEN_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(body, status=page.status)
        for name, value in page.headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
    response["ETag"] = etag
    response["X-Page-Cache"] = "hit"
    return csrf.process_response(request, response)


def page_events(request, page: CachedPage) -> list[dict]:
    """The analytics events the page's view recorded, as this visitor's."""
    if not page.events or not settings.ANALYTICS_TRACKING_ENABLED:
        return []
    return [event_payload(request, event, props) for event, props in page.events]


def _no_response(request):  # CsrfViewMiddleware needs a get_response; page_serve never calls it
    raise AssertionError("not reached")


def _token_cut(body: bytes, secret: str | None) -> bytes | None:
    """The page with every copy of the visitor's form token replaced by a placeholder.

    None when the page holds a token that can't be traced to the visitor's secret (never cached)."""

    def cut(match: re.Match) -> bytes:
        token = match.group().decode()
        if secret and _unmask_cipher_token(token) == secret:
            return TOKEN_PLACEHOLDER
        return match.group()

    result = _MASKED_TOKEN.sub(cut, body) if secret else body
    return None if _FORM_TOKEN_LEFT.search(result) else result
