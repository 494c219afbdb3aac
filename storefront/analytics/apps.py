from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "storefront.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self):
        # deferred: models can be imported only once the app registry is ready
        from storefront.orders.models import Order

        from .live import on_order_saved

        # The live dashboard hears of every order, however it was placed (storefront, API, staff).
        post_save.connect(on_order_saved, sender=Order, dispatch_uid="analytics-live-order")
