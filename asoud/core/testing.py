"""Test helpers for pages in a chosen language: the language cookie, as the switcher sets it (a
browser's Accept-Language alone no longer changes the language of pages; asoud.core.language)."""

from django.conf import settings


def in_language(client, language: str):
    """`client` with the visitor's language choice set; returned for chaining (`in_language(c, "en").get(...)`)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def english(client):
    return in_language(client, "en")


def persian(client):
    return in_language(client, "fa")


def language_cookie(language: str) -> dict:
    """The cookie for Playwright's `context.add_cookies` (add "url" or "domain")."""
    return {"name": settings.LANGUAGE_COOKIE_NAME, "value": language}
