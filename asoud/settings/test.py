"""pytest: the embedded servers, fast hashing, no debug; Redis keys apart for each xdist worker."""

import os
from pathlib import Path

from .development import *  # noqa: F403
from .development import BASE_DIR, CACHES, CHANNEL_LAYERS, DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_AUTOREFRESH = False

# Several test runs (ASOUD_TEST_ID, for people running suites side by side) and pytest-xdist workers
# share one PostgreSQL and one Valkey: each gets its own database and its own Redis keys.
_RUN = os.environ.get("ASOUD_TEST_ID", "")
DATABASES["default"]["TEST"] = {"NAME": f"test_asoud{'_' + _RUN if _RUN else ''}"}
TEST_RUN_ID = "-".join(part for part in (_RUN, os.environ.get("PYTEST_XDIST_WORKER", "main")) if part)
CACHES["default"]["KEY_PREFIX"] = f"test-{TEST_RUN_ID}"
CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test-{TEST_RUN_ID}"
CELERY_BROKER_TRANSPORT_OPTIONS = {**CELERY_BROKER_TRANSPORT_OPTIONS, "global_keyprefix": f"test-{TEST_RUN_ID}:"}  # noqa: F405
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": f"test-{TEST_RUN_ID}:"}

# Tests change markets inside rolled-back transactions: a cached host lookup would outlive them.
ASOUD_HOST_CACHE_SECONDS = 0

# Periodic jobs visit every market on every run, as the suite expects; tests of the dirty-market
# visits (tenants/tests/test_periodic.py) set a period.
ASOUD_PERIODIC_FULL_VISIT = dict.fromkeys(ASOUD_PERIODIC_FULL_VISIT, 0)  # noqa: F405

# Metrics (prometheus-client multiprocess files) apart for each run and xdist worker too. A test
# process empties its folder when it starts; the live server and Celery worker it starts inherit it.
PROMETHEUS_MULTIPROC_DIR = str(BASE_DIR / ".data" / "prometheus" / f"test-{TEST_RUN_ID}")
if os.environ.get("PROMETHEUS_MULTIPROC_DIR") != PROMETHEUS_MULTIPROC_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = PROMETHEUS_MULTIPROC_DIR
    Path(PROMETHEUS_MULTIPROC_DIR).mkdir(parents=True, exist_ok=True)
    for _stale in Path(PROMETHEUS_MULTIPROC_DIR).glob("*.db"):
        _stale.unlink()

# Likewise whole pages (keyed by a Redis counter the rollback can't reset): on only where tested.
ASOUD_PAGE_CACHE = False
