import random
from contextlib import contextmanager

import pytest
from django.db import connection
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from asoud.payments.tests.sandbox_server import sandbox_server, zarinpal  # noqa: F401
from storefront.cart.tests.conftest import in_alpha, shopper  # noqa: F401


def api_client(language: str = "en", user=None) -> APIClient:
    """An app on the platform host, from its own address (throttles count per address)."""
    ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    client = APIClient(HTTP_HOST="localhost", REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


@pytest.fixture
def api():
    return api_client()


@pytest.fixture
def shopper_api(shopper):  # noqa: F811
    return api_client(user=shopper)


@pytest.fixture
def public_after():
    yield
    connection.set_schema_to_public()


@contextmanager
def inside(market):
    """The test's own reads and writes in a market's schema (each API request ends in the public one)."""
    connection.set_tenant(market)
    try:
        yield market
    finally:
        connection.set_schema_to_public()
