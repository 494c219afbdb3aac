from functools import lru_cache

import redis
from django.conf import settings


@lru_cache(maxsize=1)
def get_redis() -> redis.Redis:
    """A plain client on the shared Redis, for keys that must not carry a market's prefix."""
    return redis.Redis.from_url(settings.REDIS_URL)
