from django.conf import settings
from django.http import HttpResponseRedirect

from . import handoff

# Paths a market host serves without first asking the platform who the visitor is.
_SKIPPED_PREFIXES = ("/accounts/", "/healthz", "/static/", "/media/", "/i18n/", "/robots.txt", "/sitemap")
_BOT_MARKERS = ("bot", "crawl", "spider", "slurp", "facebookexternalhit", "preview")


class MarketSignInBridgeMiddleware:
    """On a market host, a visitor's first page view asks the platform host whether they are signed in.

    Sessions are per host (a custom domain cannot share cookies with the platform), so a shopper
    signed in on the platform would look anonymous here. Once per browser session we bounce through
    the platform's handoff endpoint, which returns at once with a single-use sign-in token or with
    "not signed in"; either way a cookie stops further bounces.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._should_check(request):
            return HttpResponseRedirect(handoff.bridge_url(request))
        return self.get_response(request)

    def _should_check(self, request) -> bool:
        tenant = getattr(request, "tenant", None)
        if tenant is None or tenant.is_public or request.method != "GET":
            return False
        if request.user.is_authenticated or request.COOKIES.get(handoff.CHECKED_COOKIE):
            return False
        if request.headers.get("HX-Request") or request.path.startswith(_SKIPPED_PREFIXES):
            return False
        if not getattr(settings, "ASOUD_SIGN_IN_BRIDGE", True):
            return False
        agent = request.headers.get("User-Agent", "").lower()
        accepts_html = "text/html" in request.headers.get("Accept", "")
        return accepts_html and not any(marker in agent for marker in _BOT_MARKERS)
