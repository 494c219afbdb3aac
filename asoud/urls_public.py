"""URLs of the platform host (the public schema)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from asoud.core import onboarding
from asoud.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("asoud.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("asoud.sms.urls")),
    path("", include("asoud.payments.urls")),
    path("wallet/", include("asoud.wallet.urls")),
    path("markets/new/", onboarding.market_new, name="market_new"),
    path("markets/new/check/", onboarding.market_slug_availability, name="market_new_check"),
    path("", include("asoud.marketplace.urls")),
    path("", include("asoud.affiliates.urls")),
    path("notifications/", include("asoud.notifications.urls")),
    path("support/", include("asoud.support.urls")),
    path("", include("asoud.platform_analytics.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "asoud.core.views.not_found"
handler500 = "asoud.core.views.server_error"
