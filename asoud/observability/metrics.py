"""Every Prometheus metric of ASOUD, and the few helpers that record them.

Multiprocess mode: with PROMETHEUS_MULTIPROC_DIR set (the settings always set it), each process
(web workers, Celery pool processes) writes its values to files in that folder and `/metrics`
adds them up when scraped. Label values are bounded: routes are URL pattern names, never paths.
"""

import atexit
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_FAST_SECONDS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)

HTTP_REQUESTS = Counter("asoud_http_requests", "HTTP requests answered", ["route", "method", "status"])
HTTP_LATENCY = Histogram(
    "asoud_http_request_duration_seconds", "Time to answer an HTTP request", ["route", "method"], buckets=_SECONDS
)
DB_QUERY_SECONDS = Histogram(
    "asoud_db_query_duration_seconds", "Time of one SQL statement", ["statement"], buckets=_FAST_SECONDS
)
CACHE_SECONDS = Histogram(
    "asoud_cache_operation_duration_seconds", "Time of one cache call", ["operation"], buckets=_FAST_SECONDS
)
CELERY_TASKS = Counter("asoud_celery_tasks", "Celery tasks finished, by outcome", ["task", "outcome"])
CELERY_TASK_SECONDS = Histogram("asoud_celery_task_duration_seconds", "Time to run a task", ["task"], buckets=_SECONDS)
ORDERS_PLACED = Counter("asoud_orders_placed", "Orders placed", ["payment_method"])
PAYMENTS = Counter("asoud_payments", "Payments settled, by method and result", ["method", "result"])
OTP_SENDS = Counter("asoud_otp_sends", "Sign-in codes sent")
SMS = Counter("asoud_sms", "SMS delivery attempts, by provider and result", ["provider", "result"])
# livesum: the connections of processes that are still alive (see docs/operations.md).
WEBSOCKETS = Gauge("asoud_websocket_connections", "Open websocket connections", multiprocess_mode="livesum")


def _forget_this_process() -> None:
    """At a clean exit, drop this process's live gauges (open websockets of a worker that stopped)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        mark_process_dead(os.getpid())


atexit.register(_forget_this_process)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def http_observe(*, route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in _METHODS else "OTHER"
    HTTP_REQUESTS.labels(route=route, method=method, status=str(status)).inc()
    HTTP_LATENCY.labels(route=route, method=method).observe(seconds)


def count_after_commit(increment: Callable[[], None]) -> None:
    """Count only what the database kept: after the transaction commits (now, outside one)."""
    transaction.on_commit(increment)


def order_placed(*, payment_method: str) -> None:
    count_after_commit(lambda: ORDERS_PLACED.labels(payment_method=payment_method).inc())


def payment_settled(*, method: str, result: str) -> None:
    count_after_commit(lambda: PAYMENTS.labels(method=method, result=result).inc())


def otp_sent() -> None:
    count_after_commit(OTP_SENDS.inc)


def sms_attempted(*, provider: str, result: str) -> None:
    SMS.labels(provider=provider or "unknown", result=result).inc()


# --- Database and cache timings -------------------------------------------------------------------


def _statement_kind(sql) -> str:
    head = str(sql).lstrip()[:10].split(None, 1)
    kind = head[0].upper() if head else ""
    return kind if kind in {"SELECT", "INSERT", "UPDATE", "DELETE", "SET"} else "OTHER"


def _db_timer(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        DB_QUERY_SECONDS.labels(statement=_statement_kind(sql)).observe(time.perf_counter() - started)


def db_timing_install(sender, connection, **kwargs) -> None:
    """connection_created: time every statement of this connection (once per connection object)."""
    if _db_timer not in connection.execute_wrappers:
        connection.execute_wrappers.append(_db_timer)


class CacheTimer:
    def __init__(self, operation: str):
        self.operation = operation

    def __enter__(self):
        self.started = time.perf_counter()

    def __exit__(self, *exc):
        CACHE_SECONDS.labels(operation=self.operation).observe(time.perf_counter() - self.started)


# --- Exposition ---------------------------------------------------------------------------------


class CeleryQueueCollector:
    """Queue depths read from the broker's Redis lists when Prometheus scrapes (not stored)."""

    # kombu keeps one list per priority step: "<queue>", "<queue>\x06\x163", "…6", "…9".
    _PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")

    def __init__(self, *, redis_client, queues: list[str], key_prefix: str = ""):
        self.redis = redis_client
        self.queues = queues
        self.key_prefix = key_prefix

    def collect(self):
        family = GaugeMetricFamily("asoud_celery_queue_length", "Tasks waiting in a Celery queue", labels=["queue"])
        try:
            pipe = self.redis.pipeline(transaction=False)
            for queue in self.queues:
                for suffix in self._PRIORITY_SUFFIXES:
                    pipe.llen(f"{self.key_prefix}{queue}{suffix}")
            lengths = pipe.execute()
        except Exception:  # a broken broker must not break the scrape of everything else
            up = GaugeMetricFamily("asoud_celery_broker_up", "Whether the broker answered the scrape")
            up.add_metric([], 0)
            yield up
            return
        steps = len(self._PRIORITY_SUFFIXES)
        for index, queue in enumerate(self.queues):
            family.add_metric([queue], sum(lengths[index * steps : (index + 1) * steps]))
        yield family
        up = GaugeMetricFamily("asoud_celery_broker_up", "Whether the broker answered the scrape")
        up.add_metric([], 1)
        yield up


def metrics_files_clear() -> None:
    """Empty the multiprocess folder before the processes that write it start (`make run`): values
    of processes that are gone (a websocket gauge of a killed worker) would otherwise stay."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        for path in Path(folder).glob("*.db"):
            path.unlink(missing_ok=True)


def exposition(*, extra_collectors=()) -> bytes:
    """The text Prometheus scrapes: every process's values plus the scrape-time collectors."""
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    for collector in extra_collectors:
        registry.register(collector)
    return generate_latest(registry)
