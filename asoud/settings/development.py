"""`make run`: debug on, everything local."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-3f9a1c7e5b2d4e6f8a0b")
STORAGES = {
    **STORAGES,  # default and private: the local file systems of base.py and files.py
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ASOUD_DEV_TOOLS = True
