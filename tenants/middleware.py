from django.shortcuts import render
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware


class MarketMiddleware(TenantMainMiddleware):
    """Resolve the market from the host name; an unknown host gets a friendly, translated 404."""

    def get_tenant(self, domain_model, hostname):
        domain = domain_model.objects.select_related("tenant").get(domain=hostname, tenant__is_template=False)
        return domain.tenant

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
