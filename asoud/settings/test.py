"""pytest: the embedded servers, fast hashing, no debug; Redis keys apart for each xdist worker."""

import os

from .development import *  # noqa: F403
from .development import CACHES, CHANNEL_LAYERS

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_AUTOREFRESH = False

# Several pytest workers (and the Celery workers they start) share one Valkey: give each its own keys.
TEST_RUN_ID = os.environ.get("PYTEST_XDIST_WORKER", "main")
CACHES["default"]["KEY_PREFIX"] = f"test-{TEST_RUN_ID}"
CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test-{TEST_RUN_ID}"
CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": f"test-{TEST_RUN_ID}:"}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": f"test-{TEST_RUN_ID}:"}
