"""The page cache's fast path: a repeat anonymous visit is answered by the ASGI application before
Django handles the request, with the same headers, the visitor's own form token, and still counted.

The first visit (a miss) goes through Django's test client, in the test's transaction; the repeat
visits go through the project's ASGI application, as uvicorn calls it. A hit needs no database.
Requests that must not be answered from the cache are sent to a PageCacheApp whose inner
application records what reaches it (standing in for Django, which would need the database from
another thread).
"""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from django.middleware.csrf import _unmask_cipher_token

from asoud.asgi import application
from asoud.core.redis import get_redis
from asoud.core.testing import outside_running_loop
from asoud.observability.tests.helpers import TOKEN, scrape, value
from storefront.analytics.tracking import events_key
from storefront.catalog import page_cache as page_cache_module
from storefront.catalog.page_cache_asgi import PageCacheApp
from storefront.catalog.tests.test_page_cache import kettle, page_cache, tokens, visitor  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast(request):
    """Page cache on, the kettle on sale, and no host remembered from earlier tests."""
    request.getfixturevalue("page_cache")
    request.getfixturevalue("kettle")
    page_cache_module._recent_markets.clear()
    yield
    page_cache_module._recent_markets.clear()


class Answer:
    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes):
        self.status = status
        self.headers = {name.decode().lower(): value.decode() for name, value in headers}
        self.cookies = [value.decode() for name, value in headers if name.lower() == b"set-cookie"]
        self.text = body.decode()


def asgi_get(path: str, host="alpha.localhost", cookies: dict | None = None, app=application, **headers) -> Answer:
    """One GET through the project's ASGI application, as uvicorn would call it."""
    raw = [(b"host", host.encode())]
    if cookies:
        raw.append((b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()))
    raw += [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": raw,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    sent: list[dict] = []

    async def run():
        delivered = False

        async def receive():
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()  # no disconnect while the answer is produced

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)

    with outside_running_loop():
        async_to_sync(run)()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(start["status"], start["headers"], body)


FA = {"asoud_language": "fa"}


class ReachesDjango:
    """The inner application: records the requests that get past the fast path."""

    def __init__(self):
        self.paths = []

    async def __call__(self, scope, receive, send):
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def test_a_repeat_visit_is_answered_before_django_with_every_security_header(fast):
    first = visitor().get("/p/kettle/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    inner = ReachesDjango()
    again = asgi_get("/p/kettle/", cookies=FA, app=PageCacheApp(inner))
    assert inner.paths == []  # Django never saw it
    assert again.status == 200 and again.headers["x-page-cache"] == "hit" and "Kettle" in again.text
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
        "Cross-Origin-Opener-Policy",
        "Content-Type",
        "Cache-Control",
        "Vary",
        "Content-Language",
    ):
        assert again.headers[header.lower()] == first[header], header
    assert again.headers["x-request-id"] and again.headers["x-request-id"] != first["X-Request-ID"]
    assert asgi_get("/p/kettle/", cookies=FA).headers["x-page-cache"] == "hit"  # the project's own ASGI app


def test_each_visitor_gets_their_own_form_token_and_etag(fast):
    visitor().get("/p/kettle/")
    newcomer = asgi_get("/p/kettle/", cookies=FA)
    assert newcomer.headers["x-page-cache"] == "hit"
    (cookie,) = [c for c in newcomer.cookies if c.startswith("csrftoken=")]
    secret = cookie.split(";")[0].split("=", 1)[1]
    found = tokens(newcomer.text)
    assert found and all(_unmask_cipher_token(token) == secret for token in found)
    returning = asgi_get("/p/kettle/", cookies={**FA, "csrftoken": secret})
    assert all(c.startswith(f"csrftoken={secret};") for c in returning.cookies)  # same secret, expiry renewed
    assert tokens(returning.text) and tokens(returning.text) != found
    assert all(_unmask_cipher_token(token) == secret for token in tokens(returning.text))
    revalidated = asgi_get("/p/kettle/", cookies={**FA, "csrftoken": secret}, if_none_match=returning.headers["etag"])
    assert revalidated.status == 304 and revalidated.text == ""
    assert asgi_get("/p/kettle/", cookies=FA, if_none_match=returning.headers["etag"]).status == 200


def test_a_session_a_message_or_an_unseen_host_always_reaches_django(fast):
    visitor().get("/products/")
    inner = ReachesDjango()
    app = PageCacheApp(inner)
    assert asgi_get("/products/", cookies=FA, app=app).headers["x-page-cache"] == "hit"
    asgi_get("/products/", cookies={**FA, "sessionid": "some-session"}, app=app)
    asgi_get("/products/", cookies={**FA, "messages": "anything"}, app=app)
    asgi_get("/products/", cookies=FA, authorization="Bearer x", app=app)
    asgi_get("/products/", host="beta.localhost", cookies=FA, app=app)  # never seen by this process
    asgi_get("/products/?sort=price_desc", cookies=FA, app=app)  # not in the cache yet
    assert inner.paths == ["/products/"] * 5


def test_the_language_comes_from_the_cookie_never_from_accept_language(fast):
    visitor(language="fa").get("/products/")
    visitor(language="en").get("/products/")
    no_cookie = asgi_get("/products/", accept_language="en-US,en;q=0.9")
    assert no_cookie.headers["x-page-cache"] == "hit"
    assert no_cookie.headers["content-language"] == "fa" and 'lang="fa"' in no_cookie.text
    english = asgi_get("/products/", cookies={"asoud_language": "en"})
    assert english.headers["content-language"] == "en" and 'lang="en"' in english.text


def test_a_fast_hit_is_counted_in_the_request_metrics(fast, settings):
    settings.ASOUD_METRICS_TOKEN = TOKEN
    visitor().get("/p/kettle/")
    before = scrape()
    for _ in range(3):
        assert asgi_get("/p/kettle/", cookies=FA).headers["x-page-cache"] == "hit"
    after = scrape()
    labels = {"route": "storefront:product", "method": "GET", "status": "200"}
    assert (
        value(after, "asoud_http_requests_total", **labels) - value(before, "asoud_http_requests_total", **labels) == 3
    )


def test_a_fast_hit_still_counts_as_a_visit(fast, settings):
    settings.ANALYTICS_TRACKING_ENABLED = True
    visitor().get("/p/kettle/")
    redis = get_redis()
    before = redis.llen(events_key("alpha"))
    hit = asgi_get("/p/kettle/", cookies=FA, user_agent="Mozilla/5.0 (iPhone) Mobile")
    assert hit.headers["x-page-cache"] == "hit"
    assert redis.llen(events_key("alpha")) == before + 1
    event = json.loads(redis.lindex(events_key("alpha"), -1))
    assert event["k"] == "product_view" and event["p"] == "/p/kettle/" and event["d"] == "mobile"
