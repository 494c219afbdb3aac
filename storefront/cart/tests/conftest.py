import random

import pytest
from django.db import connection
from django.test import Client

from asoud.core.testing import in_language


@pytest.fixture
def in_alpha(market_alpha):
    """Run the test's own writes (products, carts) in the alpha market's schema."""
    connection.set_tenant(market_alpha)
    yield market_alpha
    connection.set_schema_to_public()


def market_client(host: str = "alpha.localhost", language: str | None = "en") -> Client:
    """A browser-like client on a market host that chose English (the language cookie) unless asked
    otherwise; `language=None`: a visitor who chose nothing."""
    ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    client = Client(HTTP_HOST=host, REMOTE_ADDR=ip)
    return in_language(client, language) if language else client


@pytest.fixture
def shop(in_alpha) -> Client:
    return market_client()


@pytest.fixture
def shopper(in_alpha):
    from .factories import shopper_make

    return shopper_make()


@pytest.fixture
def signed_in(shop, shopper) -> Client:
    shop.force_login(shopper)
    return shop
