from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformAnalyticsConfig(AppConfig):
    name = "asoud.platform_analytics"
    label = "platform_analytics"
    verbose_name = _("Platform analytics")
