"""URLs of a market's own host (its schema is active)."""

from django.conf import settings
from django.urls import include, path

from asoud.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("asoud.accounts.urls_market")),
    path("dashboard/", include("dashboard.urls")),
    path("aff/", include("asoud.affiliates.urls_market")),
    path("", include("storefront.orders.urls")),  # cart, checkout, orders
    path("chat/", include("asoud.chat.urls")),
    path("", include("storefront.catalog.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "storefront.catalog.views.not_found"
handler500 = "asoud.core.views.server_error"
