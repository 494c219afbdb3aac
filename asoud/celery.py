"""Celery app. Tasks run in the schema of the market that queued them (tenant-schemas-celery)."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.development")

app = CeleryApp("asoud")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
