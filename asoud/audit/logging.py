"""The bridge from the "asoud.audit" logger to AuditEvent rows.

Lower layers (and other areas) record an event without importing this app:

    logging.getLogger("asoud.audit").info(
        "Private file downloaded", extra={"action": "private_file_download", "request": request, "target": name}
    )

`action` is required; `actor`, `request`, `market` (a Market, or its schema name) and `target` fill
those columns; every other extra goes into `metadata`, with the message.
"""

import logging

_COLUMNS = ("action", "actor", "request", "market", "target")
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "schema",
    "user_id",
    "task_id",
    "context",
}


class AuditLogHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        action = getattr(record, "action", None)
        if not action:
            return
        from django.apps import apps  # here: LOGGING loads this module before the app registry exists

        if not apps.ready:
            return
        try:
            from .services import audit_record  # the models behind it need the app registry

            metadata = {
                key: value
                for key, value in record.__dict__.items()
                if key not in _STANDARD and key not in _COLUMNS and not key.startswith("_")
            }
            metadata["message"] = record.getMessage()
            audit_record(
                action=action,
                actor=getattr(record, "actor", None),
                request=getattr(record, "request", None),
                market=_market(getattr(record, "market", None)),
                target=getattr(record, "target", ""),
                **metadata,
            )
        except Exception:
            self.handleError(record)


def _market(value):
    if value is None or hasattr(value, "pk"):
        return value
    from tenants.models import Market  # the models need the app registry (see above)

    return Market.objects.filter(schema_name=str(value)).first()
