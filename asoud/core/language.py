"""Which language a visitor sees (issue 15, item 12): Persian unless they chose otherwise.

A choice is the language cookie (set by the switcher, and carried to market hosts by the sign-in
handoff and the bridge as `?lang=`). A browser's Accept-Language alone does not switch a page to
English: the catalogues are Persian and an English browser on a Persian shop got English menus over
Persian products. The REST API (`/api/`) is for apps, which say what they want: it keeps choosing by
Accept-Language (docs/api.md).
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

API_PREFIX = "/api/"


def chosen_language(cookies) -> str | None:
    """The language the visitor picked (the cookie), if it is one the site has."""
    value = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return value if value in dict(settings.LANGUAGES) else None


def language_for_request(request) -> str:
    if request.path.startswith(API_PREFIX):
        return translation.get_language_from_request(request)
    return chosen_language(request.COOKIES) or settings.LANGUAGE_CODE


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware with the choice above (no language prefixes in our URLs)."""

    def process_request(self, request):
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if request.path.startswith(API_PREFIX):
            return super().process_response(request, response)  # varies by Accept-Language
        response.headers.setdefault("Content-Language", translation.get_language())
        return response  # pages vary by the cookie only (Vary: Cookie comes with the session)
