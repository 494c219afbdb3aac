from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    """The cross-market listing index (public schema) and the marketplace home on the platform host."""

    name = "asoud.marketplace"
    label = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        # Imported here: ready() is Django's hook for start-up work once every app's models are loaded.
        from .receivers import connect_receivers

        connect_receivers()
