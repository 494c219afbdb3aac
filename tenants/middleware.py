from django.shortcuts import render
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware

from .selectors import market_for_host


class MarketMiddleware(TenantMainMiddleware):
    """Resolve the market from the host name; an unknown host gets a friendly, translated 404."""

    def get_tenant(self, domain_model, hostname):
        market = market_for_host(hostname)
        if market is None:
            raise domain_model.DoesNotExist
        return market

    def no_tenant_found(self, request, hostname):
        # LocaleMiddleware has not run yet: pick the language the visitor asked for ourselves.
        language = translation.get_language_from_request(request)
        with translation.override(language):
            return render(
                request,
                "tenants/unknown_host.html",
                {"hostname": hostname, "LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()},
                status=404,
            )
