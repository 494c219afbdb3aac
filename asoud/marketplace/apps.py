from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    """The cross-market listing index (public schema) and the marketplace home on the platform host."""

    name = "asoud.marketplace"
    label = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        from .receivers import connect_receivers

        connect_receivers()
