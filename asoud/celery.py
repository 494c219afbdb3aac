"""Celery app. Tasks run in the schema of the market that queued them (tenant-schemas-celery)."""

import os

from celery.signals import worker_process_init
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.development")

app = CeleryApp("asoud")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _forget_inherited_database_pool(**kwargs):
    """A prefork child opens its own psycopg pool: one inherited from the parent has no worker
    threads in the child and shares its sockets with the parent. Dropped without closing, which would
    close the parent's connections too."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        getattr(connection, "_connection_pools", {}).pop(connection.alias, None)
