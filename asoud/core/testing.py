"""Test helpers for pages in a chosen language: the language cookie, as the switcher sets it (a
browser's Accept-Language alone no longer changes the language of pages; asoud.core.language), and
for driving an async application from a sync test."""

import asyncio
import contextlib

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


@contextlib.contextmanager
def outside_running_loop():
    """Playwright's sync API leaves its event loop marked as running on the main thread for the rest
    of the session, and async_to_sync refuses to run there. Unmark it while a sync test drives an
    async application on this thread (keeping this thread's database connection, so the test's own
    transaction is visible), then mark it again."""
    loop = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(loop)
