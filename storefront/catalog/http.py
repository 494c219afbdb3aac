"""Page plumbing shared by every storefront view: the theme and category context, conditional GET."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe
from django.views.decorators.vary import vary_on_headers

from storefront.themes.selectors import store_theme_get

from .cache import storefront_version
from .pricing import viewer_tier
from .selectors import category_tree


def request_tier(request) -> str:
    if not hasattr(request, "_storefront_tier"):
        request._storefront_tier = viewer_tier(getattr(request, "user", None))
    return request._storefront_tier


def store_context(request) -> dict:
    """What every storefront template needs (memoised on the request)."""
    if not hasattr(request, "_store_context"):
        version = storefront_version(request)
        tree = category_tree(version=version)
        request._store_context = {
            "version": version,
            "tier": request_tier(request),
            "theme": store_theme_get(market=request.tenant, version=version),
            "category_tree": tree,
            "nav_categories": tree.roots,
        }
    return request._store_context


def store_render(request, template_name: str, context: dict, *, partial: str | None = None, status: int = 200):
    """Render a storefront page, or only its named partial for an htmx request."""
    name = f"{template_name}#{partial}" if partial and request.htmx else template_name
    return render(request, name, {**store_context(request), **context}, status=status)


def storefront_etag(request, *args, **kwargs) -> str | None:
    """Same version, language, viewer and form token → same page: the browser may reuse its copy."""
    if "messages" in request.COOKIES or settings.SESSION_COOKIE_NAME in request.COOKIES:
        # A flash message may be waiting, or the header shows this visitor's cart: always render.
        return None
    user = getattr(request, "user", None)
    parts = [
        storefront_version(request),
        get_language() or "",
        request_tier(request),
        str(user.pk) if user is not None and user.is_authenticated else "-",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        "htmx" if getattr(request, "htmx", False) else "page",
    ]
    return hashlib.blake2s("|".join(parts).encode(), digest_size=12).hexdigest()


def storefront_page(view):
    """Conditional GET (ETag → 304), private revalidating cache, and Vary for htmx and cookies."""
    conditional = condition(etag_func=storefront_etag)(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304) and not response.has_header("Cache-Control"):
            # Pages carry per-visitor bits (form tokens, tier): browsers only, and always revalidated.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    page = require_safe(vary_on_headers("HX-Request", "Cookie")(wrapped))
    page.page_cacheable = True  # the page cache may keep it for anonymous visitors (page_cache.py)
    return page
