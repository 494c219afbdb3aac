"""`make run` and `make dev`: everything local.

`make run` serves the site as users meet it: DEBUG off, static files collected, compressed and
cached forever under hashed names (ASOUD_COLLECTED_STATIC, set by the Makefile after collectstatic).
`make dev` (DJANGO_DEBUG=1) reloads on code changes, shows Django's debug pages and serves static
files straight from the source folders. The SMS outbox and the Zarinpal emulator are development
tools (ASOUD_DEV_TOOLS), on in both.
"""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-3f9a1c7e5b2d4e6f8a0b")
if not env.bool("ASOUD_COLLECTED_STATIC", default=False):
    STORAGES = {
        **STORAGES,  # default and private: the local file systems of base.py and files.py
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
ASOUD_DEV_TOOLS = True
