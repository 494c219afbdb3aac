"""Edges of the site: trusted proxies, redirects, content security policy, sign-in limits."""

from datetime import timedelta

import environ

env = environ.Env()

# Addresses (CIDR) of our own reverse proxies. X-Forwarded-For is believed only when the
# connection comes from one of these; empty (development, tests) means it is never believed.
ASOUD_TRUSTED_PROXIES = env.list("ASOUD_TRUSTED_PROXIES", default=[])

# --- Content-Security-Policy (django-csp 4) --------------------------------------------------------
# Scripts only from our own origin, or inline with the nonce of the response; styles may be
# inline (style attributes in templates, htmx's indicator style). Images may be data:/blob: URLs
# (previews of a chosen file) and from the media host when media lives on S3-compatible storage.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

ASOUD_CSP_REPORT_ONLY = env.bool("ASOUD_CSP_REPORT_ONLY", default=False)
ASOUD_CSP_MEDIA_SOURCES = env.list("ASOUD_CSP_MEDIA_SOURCES", default=[])
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *ASOUD_CSP_MEDIA_SOURCES],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": "/csp-report/",
    }
}
# Report-only tries a policy on live traffic without enforcing it.
CONTENT_SECURITY_POLICY = None if ASOUD_CSP_REPORT_ONLY else _CSP
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP if ASOUD_CSP_REPORT_ONLY else None

# --- Admin password sign-in limits (django-axes) ---------------------------------------------------
# Staff sign in to /admin/ with a password: 5 failures for one account from one address lock that
# pair for 15 minutes (an attacker elsewhere cannot lock staff out). Records live in the public schema.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)  # templates/admin/locked_out.html says 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the admin form's field (axes would read USERNAME_FIELD, "mobile")
AXES_CLIENT_IP_CALLABLE = "asoud.core.http.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
