from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "asoud.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Imported here: ready() is Django's hook for start-up work once every app's models are loaded.
        from .second_factor import connect_signals

        connect_signals()
