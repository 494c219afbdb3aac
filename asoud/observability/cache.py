"""Django's Redis cache backend, timed: each call observes asoud_cache_operation_duration_seconds."""

from django.core.cache.backends.redis import RedisCache

from .metrics import CacheTimer


def _timed(name: str):
    method = getattr(RedisCache, name)

    def timed(self, *args, **kwargs):
        with CacheTimer(name):
            return method(self, *args, **kwargs)

    timed.__name__ = name
    return timed


class TimedRedisCache(RedisCache):
    add = _timed("add")
    get = _timed("get")
    set = _timed("set")
    touch = _timed("touch")
    delete = _timed("delete")
    get_many = _timed("get_many")
    set_many = _timed("set_many")
    delete_many = _timed("delete_many")
    has_key = _timed("has_key")
    incr = _timed("incr")
    clear = _timed("clear")
