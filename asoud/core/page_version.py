"""The page-version counter of a schema: one number in the cache that every change to what a host's
pages show bumps, so cached pages and fragments keyed by it are simply no longer read (they expire
on their own). Cache keys carry the schema (django_tenants.cache.make_key): each market has its own
counter, and the public schema's keys the platform's marketplace pages.

`storefront.catalog.cache` builds a market's storefront version on it; the marketplace (a public
service, below the storefront) bumps the public schema's counter here.
"""

import time
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control
from django.views.decorators.vary import vary_on_headers
from django_tenants.utils import get_public_schema_name, schema_context

COUNTER_KEY = "storefront:version"


def counter_increment() -> None:
    try:
        cache.incr(COUNTER_KEY)
    except ValueError:
        # Missing (first use, or evicted): start from the clock so an old number is never reused.
        cache.set(COUNTER_KEY, time.time_ns() // 1000, timeout=None)


def counter_read() -> int:
    """The current schema's counter: one Redis read, no query (the page cache's key)."""
    value = cache.get(COUNTER_KEY)
    if value is None:
        counter_increment()
        value = cache.get(COUNTER_KEY, 0)
    return value


def version_bump() -> None:
    """The current schema's pages changed: bump now and again after commit, so a reader can't cache
    pre-commit data under the new number."""
    counter_increment()
    transaction.on_commit(counter_increment)


def marketplace_version_bump() -> None:
    """The platform host's pages changed (its market directory, the marketplace search)."""

    def bump() -> None:
        with schema_context(get_public_schema_name()):
            counter_increment()

    bump()
    transaction.on_commit(bump)


def anonymous_page(view):
    """Let the page cache keep `view`'s page for anonymous visitors (the platform host's marketplace
    pages; storefront pages use `storefront_page`). Browsers revalidate it; it varies with cookies."""

    @wraps(view)
    def page(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    page = vary_on_headers("HX-Request", "Cookie")(page)
    page.page_cacheable = True
    return page
