"""URLs of the platform host (the public schema)."""

from django.contrib import admin
from django.urls import include, path

from asoud.accounts import security_views
from asoud.core import csp
from asoud.core import views as core_views
from asoud.core.media import media_urlpatterns
from asoud.platform import onboarding
from asoud.platform import views as platform_views

urlpatterns = [
    path("", platform_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("csp-report/", csp.csp_report, name="csp_report"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("asoud.api.urls")),
    path("accounts/", include("asoud.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/login/", security_views.admin_login),  # password, then allauth's second-factor step
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

urlpatterns += media_urlpatterns()  # public images only, when no nginx or bucket serves them

handler404 = "asoud.core.views.not_found"
handler500 = "asoud.core.views.server_error"
