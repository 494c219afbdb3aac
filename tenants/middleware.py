from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django_tenants.middleware.main import TenantMainMiddleware

from asoud.core.language import language_for_request

from .selectors import CLOSED_SUSPENDED, market_closed_reason, market_for_host, market_is_read_only


class MarketMiddleware(TenantMainMiddleware):
    """Resolve the market from the host name; an unknown host gets a friendly, translated 404."""

    def get_tenant(self, domain_model, hostname):
        market = market_for_host(hostname)
        if market is None:
            raise domain_model.DoesNotExist
        return market

    def no_tenant_found(self, request, hostname):
        # LocaleMiddleware has not run yet: pick the language the visitor asked for ourselves.
        language = language_for_request(request)
        with translation.override(language):
            return render(
                request,
                "tenants/unknown_host.html",
                {"hostname": hostname, "LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()},
                status=404,
            )


DASHBOARD_PREFIX = "/dashboard/"
# Served whatever the market's standing: sign-in (the owner must reach the dashboard), assets, health.
_ALWAYS_OPEN_PREFIXES = ("/healthz", "/static/", "/media/", "/i18n/", "/accounts/")
_READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Shoppers and crawlers may come back later: a suspension or a lapsed plan is temporary.
RETRY_AFTER_SECONDS = 3600


class MarketAccessMiddleware:
    """What a market's standing allows, on its own host (after authentication: it needs the user).

    - Storefront: a suspended market, a lapsed one (after the grace period) and a draft (to anyone
      but its owner and staff) answer every storefront request, GET or POST, with a translated
      notice page and HTTP 503, so nothing can be ordered and crawlers keep the shop indexed.
    - Dashboard: a suspended market's dashboard stays readable, but every other method is refused
      (403) with a clear message; `request.market_read_only` tells templates to hide their forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        market = getattr(request, "tenant", None)
        request.market_read_only = False
        if market is None or market.is_public:
            return self.get_response(request)
        request.market_read_only = market_is_read_only(market)
        if request.path.startswith(DASHBOARD_PREFIX):
            if request.market_read_only and request.method not in _READ_METHODS:
                return self._read_only_refusal(request, market)
            return self.get_response(request)
        if request.path.startswith(_ALWAYS_OPEN_PREFIXES):
            return self.get_response(request)
        reason = market_closed_reason(market=market, user=request.user)
        if reason is None:
            return self.get_response(request)
        return self._closed_notice(request, market, reason)

    def _closed_notice(self, request, market, reason: str):
        is_owner = request.user.is_authenticated and request.user.pk == market.owner_id
        response = render(
            request,
            "tenants/market_closed.html",
            {"market": market, "reason": reason, "is_owner": is_owner},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response

    def _read_only_refusal(self, request, market):
        template = (
            "tenants/read_only.html#read-only-notice" if getattr(request, "htmx", False) else "tenants/read_only.html"
        )
        response = render(request, template, {"market": market, "reason": CLOSED_SUSPENDED}, status=403)
        add_never_cache_headers(response)
        return response
