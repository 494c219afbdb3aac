from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from . import handoff, second_factor

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


# Pages where people manage their factors: changing them needs a check under 15 minutes old.
_FACTOR_PAGES = ("/accounts/2fa/totp/", "/accounts/2fa/recovery-codes/", "/accounts/2fa/webauthn/")
_FACTOR_PAGES_OPEN = (
    "/accounts/2fa/webauthn/login/",
    "/accounts/2fa/webauthn/signup/",
    "/accounts/2fa/webauthn/reauthenticate/",  # where the check itself happens
)


class SecondFactorMiddleware:
    """Who must show a second factor, and when.

    - Staff, on the admin and every staff page: without a factor they are sent to set one up; with
      one, this session must have passed it (a password alone never opens the admin).
    - Anyone who enabled a factor, on a market's dashboard: the session must have passed it (the
      handoff brings the platform's state; a market host never asks twice, never skips it).
    - Pages that add or remove factors: a check (code or factor) under 15 minutes old.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._gate(request) or self.get_response(request)

    def _gate(self, request):
        user = request.user
        if not user.is_authenticated:
            return None
        path = request.path
        if second_factor.on_platform(request):
            if user.is_staff and path.startswith(settings.ASOUD_STAFF_PATH_PREFIXES):
                return self._staff(request)
            managing = path.startswith(_FACTOR_PAGES) and not path.startswith(_FACTOR_PAGES_OPEN)
            if managing and not second_factor.recently_checked(request):
                return second_factor.redirect_to(request, second_factor.check_url(request, check="fresh"))
            return None
        dashboard = path.startswith("/dashboard/") and second_factor.second_factor_enabled(user)
        if dashboard and not second_factor.second_factor_done(request):
            return second_factor.redirect_to(request, second_factor.check_url(request, check="mfa"))
        return None

    def _staff(self, request):
        if not second_factor.second_factor_enabled(request.user):
            messages.warning(request, _("Staff accounts need a second factor. Set one up to continue."))
            return second_factor.redirect_to(request, second_factor.platform_reverse("mfa_index"))
        if not second_factor.second_factor_done(request):
            return second_factor.redirect_to(request, second_factor.check_url(request, check="mfa"))
        return None
