"""Speed (docs/performance.md): the anonymous page cache. (The database pool is in base.py.)"""

import environ

env = environ.Env()

# Whole storefront pages for anonymous visitors, in Redis, keyed by market, storefront version,
# language and URL. The TTL bounds what the bumped version can't see (a discount starting on its
# own, a write made outside the services).
ASOUD_PAGE_CACHE = env.bool("ASOUD_PAGE_CACHE", default=True)
ASOUD_PAGE_CACHE_SECONDS = env.int("ASOUD_PAGE_CACHE_SECONDS", default=60)
# How long each web process trusts its own host → market look-up for the page cache's fast path
# (storefront/catalog/page_cache_asgi.py): a market closed or renamed shows within this time.
ASOUD_PAGE_CACHE_HOST_SECONDS = env.float("ASOUD_PAGE_CACHE_HOST_SECONDS", default=5.0)

# Bootstrap trimmed to the selectors the project's sources can use, built from the pip package
# (asoud/core/static_trim.py); collectstatic hashes and compresses it like any other file.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "asoud.core.static_trim.TrimmedBootstrapFinder",
]
