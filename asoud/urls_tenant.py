"""URLs of a market's own host (its schema is active)."""

from django.urls import include, path

from asoud.core import csp
from asoud.core import views as core_views
from asoud.core.media import media_urlpatterns

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("csp-report/", csp.csp_report, name="csp_report"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("asoud.accounts.urls_market")),
    path("dashboard/", include("dashboard.urls")),
    path("aff/", include("asoud.affiliates.urls_market")),
    path("", include("storefront.orders.urls")),  # cart, checkout, orders
    path("chat/", include("storefront.chat.urls")),
    path("", include("storefront.catalog.urls")),
]

urlpatterns += media_urlpatterns()  # public images only, when no nginx or bucket serves them

handler403 = "storefront.catalog.views.permission_denied"
handler404 = "storefront.catalog.views.not_found"
handler500 = "asoud.core.views.server_error"
