import time

from celery import shared_task
from django.core.cache import cache
from django.db import connection

HEARTBEAT_KEY = "celery:heartbeat"


@shared_task(name="core.worker_heartbeat")
def worker_heartbeat() -> dict:
    """Scheduled every minute by beat; /healthz reports how long ago a worker last ran it."""
    beat = {"at": time.time(), "schema": connection.schema_name}
    cache.set(HEARTBEAT_KEY, beat, timeout=None)
    return beat
