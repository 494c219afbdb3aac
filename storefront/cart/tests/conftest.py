import random

import pytest
from django.db import connection
from django.test import Client


@pytest.fixture
def in_alpha(market_alpha):
    """Run the test's own writes (products, carts) in the alpha market's schema."""
    connection.set_tenant(market_alpha)
    yield market_alpha
    connection.set_schema_to_public()


def market_client(host: str = "alpha.localhost", language: str = "en") -> Client:
    """A browser-like client on a market host, in English unless asked otherwise."""
    ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    return Client(HTTP_HOST=host, REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE=language)


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
