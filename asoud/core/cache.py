"""Django's Redis cache that degrades: when Redis is unreachable, reads are misses and writes are
dropped (logged), so pages render from the database instead of failing.

After a failure Redis is not asked again for `RETRY_AFTER` seconds: a page making twenty cache calls
does not wait for twenty failed connections.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 1.0


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def _guard(self, operation: str, default, call, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return call(*args, **kwargs)
        except UNREACHABLE as error:
            if time.monotonic() >= self._down_until:
                logger.warning(
                    "cache unavailable (%s: %s): %s treated as a miss", type(error).__name__, error, operation
                )
            ResilientRedisCache._down_until = time.monotonic() + RETRY_AFTER
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        value = self._guard("incr", _MISSING, super().incr, key, delta, version)
        if value is _MISSING:  # as for a missing key: callers start the counter again (a dropped write)
            raise ValueError(f"Key {key!r} not found (cache unavailable)")
        return value

    def clear(self):
        """Delete this cache's keys only. Django's own `clear` empties the whole Redis database,
        including the keys of everything else sharing it (another KEY_PREFIX: parallel test runs,
        a second deployment)."""
        if not self.key_prefix:
            return self._guard("clear", False, super().clear)
        return self._guard("clear", False, self._clear_prefix)

    def _clear_prefix(self) -> bool:
        # Keys look like "<schema>:<prefix>:<version>:<key>" (django_tenants.cache.make_key).
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"*:{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True


_MISSING = object()
