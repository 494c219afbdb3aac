"""The project's cache backend: Django's Redis cache that degrades when Redis is down
(`asoud.core.cache.ResilientRedisCache`), timed: each call observes asoud_cache_operation_duration_seconds."""

from asoud.core.cache import ResilientRedisCache

from .metrics import CacheTimer


def _timed(name: str):
    method = getattr(ResilientRedisCache, name)

    def timed(self, *args, **kwargs):
        with CacheTimer(name):
            return method(self, *args, **kwargs)

    timed.__name__ = name
    return timed


class TimedRedisCache(ResilientRedisCache):
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
