"""DRF throttles counted in the shared Redis (the default cache): per IP, per user, stricter on sign-in."""

from rest_framework.throttling import SimpleRateThrottle

from asoud.core.http import client_ip


class PerIp(SimpleRateThrottle):
    """Every request, by the client's address (as the rest of the platform reads it)."""

    scope = "ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}


class PerUser(SimpleRateThrottle):
    """Signed-in requests, by user, whatever address they come from."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AuthPerIp(PerIp):
    """Sign-in endpoints: far fewer requests per address (the number itself has allauth's limits too)."""

    scope = "auth"
