"""Celery: task outcomes and durations as metrics, the task id and schema in every log line."""

import os
import time

from celery import signals
from django.db import connection

from . import context, metrics

_started: dict[str, float] = {}


def _name(sender) -> str:
    return getattr(sender, "name", None) or "unknown"


def _prerun(task_id=None, task=None, **kwargs):
    context.task_id.set(task_id)
    context.schema_name.set(getattr(connection, "schema_name", None))
    _started[task_id] = time.perf_counter()
    _sentry_tags(task_id)


def _postrun(task_id=None, task=None, **kwargs):
    started = _started.pop(task_id, None)
    if started is not None:
        metrics.CELERY_TASK_SECONDS.labels(task=_name(task)).observe(time.perf_counter() - started)
    context.task_id.set(None)
    context.schema_name.set(None)


def _success(sender=None, **kwargs):
    metrics.CELERY_TASKS.labels(task=_name(sender), outcome="success").inc()


def _failure(sender=None, **kwargs):
    metrics.CELERY_TASKS.labels(task=_name(sender), outcome="failure").inc()


def _retry(sender=None, **kwargs):
    metrics.CELERY_TASKS.labels(task=_name(sender), outcome="retry").inc()


def _sentry_tags(task_id) -> None:
    import sentry_sdk

    sentry_sdk.set_tag("task_id", task_id)
    schema = context.schema_name.get()
    if schema:
        sentry_sdk.set_tag("market_schema", schema)


def _worker_init(**kwargs):
    """In production each worker container serves its own pool's metrics (ASOUD_WORKER_METRICS_PORT,
    internal network only); in development the web's /metrics already reads the shared folder."""
    port = os.environ.get("ASOUD_WORKER_METRICS_PORT")
    if port:
        from prometheus_client import CollectorRegistry, start_http_server
        from prometheus_client.multiprocess import MultiProcessCollector

        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        start_http_server(int(port), registry=registry)


def connect() -> None:
    signals.worker_init.connect(_worker_init, weak=False, dispatch_uid="asoud-obs-worker-init")
    signals.task_prerun.connect(_prerun, weak=False, dispatch_uid="asoud-obs-prerun")
    signals.task_postrun.connect(_postrun, weak=False, dispatch_uid="asoud-obs-postrun")
    signals.task_success.connect(_success, weak=False, dispatch_uid="asoud-obs-success")
    signals.task_failure.connect(_failure, weak=False, dispatch_uid="asoud-obs-failure")
    signals.task_retry.connect(_retry, weak=False, dispatch_uid="asoud-obs-retry")
