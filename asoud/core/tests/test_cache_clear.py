"""Clearing the cache deletes this deployment's keys only, not those of others sharing the Redis
database (parallel test runs, a second deployment with its own KEY_PREFIX)."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from asoud.core.cache import ResilientRedisCache


def _neighbour() -> ResilientRedisCache:
    params = {**settings.CACHES["default"], "KEY_PREFIX": f"{cache.key_prefix}-neighbour"}
    return ResilientRedisCache(params.pop("LOCATION"), params)


def test_clear_keeps_the_keys_of_another_prefix():
    neighbour = _neighbour()
    neighbour.set("kept", "yes", 60)
    cache.set("gone", "yes", 60)
    try:
        cache.clear()
        assert cache.get("gone") is None
        assert neighbour.get("kept") == "yes"
    finally:
        neighbour.delete("kept")


def test_clear_removes_keys_of_every_market_schema():
    cache.set("public-key", 1, 60)
    previous = connection.schema_name
    connection.schema_name = "some_market"  # the key function puts the schema first
    try:
        cache.set("market-key", 1, 60)
        cache.clear()
        assert cache.get("market-key") is None
    finally:
        connection.schema_name = previous
    assert cache.get("public-key") is None
