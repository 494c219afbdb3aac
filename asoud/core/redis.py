from functools import lru_cache

import redis
from django.conf import settings


@lru_cache(maxsize=1)
def get_redis() -> redis.Redis:
    """A plain client on the shared Redis, for keys that must not carry a market's prefix."""
    # Short timeouts: a Redis that does not answer must not hold a request for long.
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=5)


def redis_available() -> bool:
    """Redis answers now (for features that must refuse, not degrade, without it)."""
    try:
        return bool(get_redis().ping())
    except redis.RedisError:
        return False
