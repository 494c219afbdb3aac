"""The market's storefront version: one value that changes whenever anything a page shows changes.

Fragment cache keys and ETags are built from it, so nothing is ever deleted from the cache: a new
version simply stops old entries from being read (they expire on their own).

The version has two parts:
- a counter in the cache, bumped by every service that changes products, stock, prices, discounts or
  the theme (immediately and again after commit, so a reader can't cache pre-commit data under the
  new number);
- a fingerprint read from the database in one query: the latest product and theme change and the
  number of discounts running right now. It catches writes that bypass the services (a shell, a
  data migration) and discounts starting or ending on their own as time passes;
- the market row's last change (its name, description and theme are on every page).
Cache keys carry the schema (django_tenants.cache.make_key), so every market has its own version.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from asoud.core.page_version import counter_read, version_bump

T = TypeVar("T")

FRAGMENT_TIMEOUT = 60 * 10


def catalogue_version_bump() -> None:
    version_bump()


def storefront_counter() -> int:
    """The bumped part of the version alone: one Redis read, no query (the page cache's key)."""
    return counter_read()


_FINGERPRINT_SQL = """
SELECT
  (SELECT extract(epoch FROM max(updated_at)) FROM catalog_product),
  (SELECT extract(epoch FROM updated_at) FROM themes_themesettings WHERE id = 1),
  (SELECT count(*) FROM catalog_discount
     WHERE is_active AND starts_at <= statement_timestamp()
       AND (ends_at IS NULL OR ends_at > statement_timestamp())),
  (SELECT max(id) FROM catalog_product)
"""


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL)
        row = cursor.fetchone()
    return "-".join(str(part) for part in row)


def storefront_version(request=None) -> str:
    """The current version (memoised on the request: one cache read and one query per request)."""
    if request is not None and hasattr(request, "_storefront_version"):
        return request._storefront_version
    # The market row (public schema) too: its name, description and theme appear on every page.
    market_stamp = getattr(getattr(connection, "tenant", None), "updated_at", "")
    raw = f"{counter_read()}:{_fingerprint()}:{market_stamp}"
    version = hashlib.blake2s(raw.encode(), digest_size=8).hexdigest()
    if request is not None:
        request._storefront_version = version
    return version


_MEMO_SIZE = 256
_memo: OrderedDict[tuple[str, str, str], object] = OrderedDict()
_memo_lock = threading.Lock()


def versioned(name: str, version: str, build: Callable[[], T]) -> T:
    """A value that never changes within one storefront version (the category tree, the resolved
    theme): from this process's memory, else from the shared cache, else built and stored in both.

    Only for values that pages never modify: one object is shared by all requests of the process.
    """
    key = (connection.schema_name, name, version)
    with _memo_lock:
        value = _memo.get(key)
        if value is not None:
            _memo.move_to_end(key)
            return value
    cache_key = f"storefront:{name}:{version}"
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, FRAGMENT_TIMEOUT)
    with _memo_lock:
        _memo[key] = value
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return value
