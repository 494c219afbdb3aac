"""The REST API v1 (asoud.api): Django REST framework, JWT sign-in, OpenAPI schema and its pages."""

from datetime import timedelta

import environ

_env = environ.Env()

REST_FRAMEWORK = {
    # Apps send a bearer token; the API never reads the web session (no CSRF to juggle, no confusion).
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "asoud.api.pagination.Cursor",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "asoud.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Counters live in the default cache: the shared Redis, so every worker and replica counts together.
    "DEFAULT_THROTTLE_CLASSES": ["asoud.api.throttling.PerIp", "asoud.api.throttling.PerUser"],
    "DEFAULT_THROTTLE_RATES": {
        "ip": _env.str("ASOUD_API_RATE_IP", default="600/min"),
        "user": _env.str("ASOUD_API_RATE_USER", default="1200/min"),
        "auth": _env.str("ASOUD_API_RATE_AUTH", default="20/min"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=_env.int("ASOUD_API_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=_env.int("ASOUD_API_REFRESH_DAYS", default=30)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ASOUD API",
    "DESCRIPTION": (
        "Version 1 of the ASOUD REST API for shopper, owner and marketer apps. Sign in with "
        "`POST /api/v1/auth/code/` then `POST /api/v1/auth/token/`, press **Authorize** and paste the "
        "access token. Errors are RFC 9457 problem details; money is integer Rials plus a Toman display "
        "string; dates are ISO 8601 plus a display string (Jalali in Persian). See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True, "displayOperationId": False},
    "ENUM_NAME_OVERRIDES": {},
    "DISABLE_ERRORS_AND_WARNINGS": True,
}

# How long the signed invoice link in an order's API answer opens the web invoice page without a session.
ORDERS_INVOICE_LINK_SECONDS = _env.int("ORDERS_INVOICE_LINK_SECONDS", default=10 * 60)
