"""Settings for bench/provisioning.py: the development settings on the bench's own database.

ASOUD_BENCH_APPS names throw-away tenant apps that the bench wrote into the directory
ASOUD_BENCH_APPS_DIR: one with a migration pending (to time `migrate_schemas`), and optionally one
with many tables (to see how cloning scales with the template's size). Nothing is added to the
project's own apps.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from asoud.settings.development import *  # noqa: F403
from asoud.settings.development import DATABASES, INSTALLED_APPS, TENANT_APPS

DEBUG = False  # no query log growing over thousands of schema clones

# The bench drops its database when it finishes: never let it point at anything else.
if not DATABASES["default"]["NAME"].startswith("asoud_bench"):
    raise ImproperlyConfigured("bench.settings only runs on a database named asoud_bench*")

BENCH_APPS = [label for label in os.environ.get("ASOUD_BENCH_APPS", "").split(",") if label]
if BENCH_APPS:
    sys.path.insert(0, os.environ["ASOUD_BENCH_APPS_DIR"])
    TENANT_APPS = [*TENANT_APPS, *BENCH_APPS]  # tenant: the bench's throw-away apps
    INSTALLED_APPS = [*INSTALLED_APPS, *BENCH_APPS]
