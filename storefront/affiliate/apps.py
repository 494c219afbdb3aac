from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AffiliateConfig(AppConfig):
    """A market's affiliate programme terms (tenant schema); marketers and money live in asoud.affiliates."""

    name = "storefront.affiliate"
    label = "affiliate"
    verbose_name = _("Affiliate programme")
