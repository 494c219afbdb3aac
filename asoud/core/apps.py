from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "asoud.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        # Imported here: ready() is Django's hook for start-up work once every app's models are loaded.
        from .admin_display import install

        install()
