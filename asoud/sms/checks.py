"""`manage.py check`: a provider named in SMS_BACKENDS without its settings would fail every send."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .backends import configured_backends


@register()
def sms_backends_configured(app_configs=None, **kwargs) -> list[Error]:
    try:
        backends = configured_backends(settings.SMS_BACKENDS)
    except ImproperlyConfigured as error:
        return [Error(str(error), id="sms.E001")]
    return [
        Error(f"SMS backend {backend.name!r}: {problem}", hint="Set it in the environment.", id="sms.E002")
        for backend in backends
        for problem in backend.configuration_errors()
    ]
