from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "asoud.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Imported here: ready() is Django's hook for start-up work once every app's models are loaded.
        from .receivers import connect_receivers
        from .security import connect_signals

        connect_signals()
        connect_receivers()
