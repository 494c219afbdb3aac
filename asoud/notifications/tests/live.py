"""Helpers for tests that go through real websockets and real worker processes.

Consumers reach the database from other threads (channels' database_sync_to_async) and the Celery
worker from another process, so they cannot see rows inside a test's rolled-back transaction.
`transaction=True` is no way out here: its flush truncates the public tables, markets `alpha` and
`beta` included, which the whole session shares. These tests therefore commit their rows for real
(`live` fixture, with the database unblocked) and delete exactly what they created afterwards.
"""

import asyncio
import importlib
import sys
import time
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import channels
import pytest
from asgiref.sync import async_to_sync
from django.db import connections
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context


def _websocket_communicator_class():
    """channels' WebsocketCommunicator. The `channels.testing` package also imports its live-server
    test case, which needs daphne, a server this project does not use (uvicorn serves it); without
    daphne the communicator module is loaded on its own, skipping that import."""
    try:
        from channels.testing import WebsocketCommunicator
    except ModuleNotFoundError as error:
        if error.name != "daphne":
            raise
        package = types.ModuleType("channels.testing")
        package.__path__ = [str(Path(channels.__file__).parent / "testing")]
        sys.modules["channels.testing"] = package
        WebsocketCommunicator = importlib.import_module("channels.testing.websocket").WebsocketCommunicator
    return WebsocketCommunicator


WebsocketCommunicator = _websocket_communicator_class()


class LiveData:
    def __init__(self):
        self.user_ids: list[int] = []
        self.started = timezone.now()

    def user(self, **fields):
        from .factories import UserFactory

        user = UserFactory(**fields)
        self.user_ids.append(user.pk)
        return user

    def cleanup(self) -> None:
        from asoud.accounts.models import User
        from asoud.chat.models import Conversation
        from asoud.notifications.models import Notification
        from tenants.models import Market

        owner_ids = list(Market.objects.filter(slug__in=["alpha", "beta"]).values_list("owner_id", flat=True))
        Notification.objects.filter(user_id__in=owner_ids, created_at__gte=self.started).delete()
        Conversation.objects.filter(shopper_id__in=self.user_ids).delete()
        # Tenant tables refer to users too (team members…): collect them with a market's tables in view.
        with schema_context("alpha"):
            User.objects.filter(pk__in=self.user_ids).delete()


@pytest.fixture
def live(django_db_setup, django_db_blocker):
    """Committed test data, removed at the end (see the module docstring for why)."""
    with django_db_blocker.unblock():
        data = LiveData()
        try:
            yield data
        finally:
            data.cleanup()


def run_async(scenario) -> object:
    """Run an async test scenario from a sync test. Playwright's sync API leaves an event loop
    running on the main thread for the rest of the session, where async_to_sync refuses to run; the
    scenario then gets a thread of its own (its database calls too, on that thread's connection)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return async_to_sync(scenario)()

    def in_thread():
        try:
            return async_to_sync(scenario)()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(in_thread).result()


def session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def ws_headers(host: str, session: str | None = None, language: str = "en") -> list[tuple[bytes, bytes]]:
    cookies = [f"asoud_language={language}"] + ([f"sessionid={session}"] if session else [])
    return [(b"host", host.encode()), (b"origin", f"http://{host}".encode()), (b"cookie", "; ".join(cookies).encode())]


async def ws_connect(path: str, *, host: str = "alpha.localhost", session: str | None = None, language: str = "en"):
    """(communicator, connected, close code) for `path` on the real ASGI application."""
    from asoud.asgi import application

    communicator = WebsocketCommunicator(application, path, headers=ws_headers(host, session, language))
    connected, code = await communicator.connect(timeout=10)
    return communicator, connected, code


async def receive_matching(communicator, needle: str, *, timeout: float = 10) -> str:
    """The next frame containing `needle` (frames before it, e.g. receipts, are skipped). A
    communicator that timed out is finished, so a miss fails the test with what did arrive."""
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        try:
            frame = await communicator.receive_from(timeout=max(deadline - time.monotonic(), 0.01))
        except TimeoutError:
            raise AssertionError(f"no frame with {needle!r} within {timeout}s; got {seen!r}") from None
        if needle in frame:
            return frame
        seen.append(frame)
