"""URLs of a market's own host (its schema is active)."""

from django.conf import settings
from django.urls import include, path

from asoud.core import views as core_views
from asoud.core.media_urls import media_patterns

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("asoud.accounts.urls_market")),
    path("dashboard/", include("dashboard.urls")),
    path("aff/", include("asoud.affiliates.urls_market")),
    path("", include("storefront.orders.urls")),  # cart, checkout, orders
    path("chat/", include("asoud.chat.urls")),
    path("", include("storefront.catalog.urls")),
]

if settings.DEBUG or settings.ASOUD_DEV_TOOLS:
    # Uploaded pictures from the local folder in development (`make run` has DEBUG off); nginx or the
    # bucket serve them in production.
    urlpatterns += media_patterns()

handler403 = "storefront.catalog.views.permission_denied"
handler404 = "storefront.catalog.views.not_found"
handler500 = "asoud.core.views.server_error"
