from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmsConfig(AppConfig):
    name = "asoud.sms"
    label = "sms"
    verbose_name = _("SMS")

    def ready(self):
        # Imported here: ready() is Django's hook for start-up work once every app's models are loaded.
        from . import checks  # noqa: F401  (registers the system checks)
