"""Operations: Prometheus metrics, Sentry, logs (docs/operations.md)."""

import ipaddress
import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from .base import BASE_DIR

env = environ.Env()

# --- Metrics --------------------------------------------------------------------------------------
# /metrics answers a bearer token or a peer address in the allow-list (CIDR); anyone else gets 403.
ASOUD_METRICS_TOKEN = env.str("ASOUD_METRICS_TOKEN", default="")
ASOUD_METRICS_ALLOW = env.list("ASOUD_METRICS_ALLOW", default=[])
try:
    for _network in ASOUD_METRICS_ALLOW:
        ipaddress.ip_network(_network, strict=False)
except ValueError as _error:
    raise ImproperlyConfigured(f"ASOUD_METRICS_ALLOW: {_error}") from None
# prometheus-client's multiprocess mode: every process of this machine (web workers, Celery pool)
# writes its values to files here. Must be set before prometheus_client is imported, and exported so
# the children of `make run` (and of the test session) share it. Production: an empty tmpfs per
# container start (docker-compose.yml).
_settings_name = os.environ.get("DJANGO_SETTINGS_MODULE", "development").rsplit(".", 1)[-1]
PROMETHEUS_MULTIPROC_DIR = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", str(BASE_DIR / ".data" / "prometheus" / _settings_name)
)
Path(PROMETHEUS_MULTIPROC_DIR).mkdir(parents=True, exist_ok=True)


# --- Logs -----------------------------------------------------------------------------------------
# LOG_FORMAT=json: one JSON object per line with request_id, schema, user_id, task_id (production's
# default); text otherwise. production.py builds LOGGING again with its own default.
from asoud.observability.logs import logging_config  # noqa: E402

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(log_format=env.str("LOG_FORMAT", default="text"), level=LOG_LEVEL)

# --- Error tracking -------------------------------------------------------------------------------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default=_settings_name)
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    from asoud.observability.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=SENTRY_RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )
