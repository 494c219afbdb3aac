from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AffiliatesConfig(AppConfig):
    """Marketers, their links, clicks, referrals (commissions) and withdrawals (public schema)."""

    name = "asoud.affiliates"
    label = "affiliates"
    verbose_name = _("Marketers")
