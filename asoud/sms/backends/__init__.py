"""SMS backends, chosen by settings.SMS_BACKENDS in order of preference (like Django's email backends)."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import (
    OutgoingSms,
    SendResult,
    SmsAuthError,
    SmsBackend,
    SmsCreditError,
    SmsError,
    SmsInvalidRequestError,
    SmsNetworkError,
    SmsServerError,
)

ALIASES = {
    "outbox": "asoud.sms.backends.outbox.OutboxBackend",
    "smsir": "asoud.sms.backends.smsir.SmsIrBackend",
    "kavenegar": "asoud.sms.backends.kavenegar.KavenegarBackend",
}


def load_backend(name: str) -> SmsBackend:
    path = ALIASES.get(name.strip(), name.strip())
    try:
        backend_class = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(f"SMS_BACKENDS: no SMS backend {name!r} ({error}).") from error
    return backend_class()


def configured_backends(names: list[str]) -> list[SmsBackend]:
    """The backends named in SMS_BACKENDS, in order. An empty list is a configuration error."""
    backends = [load_backend(name) for name in names if name.strip()]
    if not backends:
        raise ImproperlyConfigured("SMS_BACKENDS is empty: name at least one SMS backend (e.g. 'outbox').")
    return backends


__all__ = [
    "ALIASES",
    "OutgoingSms",
    "SendResult",
    "SmsAuthError",
    "SmsBackend",
    "SmsCreditError",
    "SmsError",
    "SmsInvalidRequestError",
    "SmsNetworkError",
    "SmsServerError",
    "configured_backends",
    "load_backend",
]
