from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "asoud.audit"
    label = "audit"
    verbose_name = _("Security audit")

    def ready(self):
        # Imported here: ready() is Django's hook for start-up work once every app's models are loaded.
        from . import receivers

        receivers.connect()
