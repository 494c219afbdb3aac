import itertools
import random

import pytest
from django.test import Client

_numbers = itertools.count(random.randint(1_000_000, 8_000_000))


@pytest.fixture
def new_mobile() -> str:
    """A number no other test (or earlier run, whose rate-limit counters live in Redis) has used."""
    return f"09{350_000_000 + next(_numbers) * 7 % 600_000_000:09d}"[:11]


@pytest.fixture
def visitor() -> Client:
    """A browser-like client on the platform host, with an IP of its own (rate limits are per IP)."""
    ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    return Client(HTTP_HOST="localhost", REMOTE_ADDR=ip)


def market_client(host: str = "alpha.localhost") -> Client:
    ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    return Client(HTTP_HOST=host, REMOTE_ADDR=ip)
