"""Production: every secret and address from the environment; `manage.py check --deploy` is clean.

Required: DJANGO_SECRET_KEY, DATABASE_URL, REDIS_URL (the embedded servers never start here) and
ASOUD_BASE_DOMAIN. Everything else has a safe default; README "Running in production" lists it all.
"""

from pathlib import Path

from asoud.observability.logs import logging_config

from .base import *  # noqa: F403
from .base import ASOUD_BASE_DOMAIN, ASOUD_PRIVATE_URL_SECONDS, BASE_DIR, STORAGES, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")

# --- HTTPS behind the proxy ---------------------------------------------------------------------
# TLS ends at nginx (or a load balancer in front of it), which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container health checks speak plain HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Markets live on subdomains of the base domain; custom domains pass Django's same-origin check.
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    default=[f"https://{ASOUD_BASE_DOMAIN}", f"https://*.{ASOUD_BASE_DOMAIN}"],
)

# --- Database ---------------------------------------------------------------------------------
# base.py pools connections per process (DATABASE_POOL_MIN_SIZE / _MAX_SIZE); with many replicas,
# keep replicas x workers x max_size under PostgreSQL's max_connections or put PgBouncer in front.

# --- Static files and media ---------------------------------------------------------------------
# Collected into the image at build time; nginx serves a copy from a shared volume.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# MEDIA_ROOT (base.py) is a volume shared by web, worker and nginx, unless a bucket is configured:
# then uploads go to S3-compatible storage (AWS, MinIO, ArvanCloud, …) through django-storages.
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
                "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
                "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
                "location": env.str("AWS_LOCATION", default="media"),
                # Signed, expiring URLs unless the bucket (or the CDN before it) is public.
                "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
                "file_overwrite": False,
                "default_acl": None,
            },
        },
        # Documents and attachments: a private bucket (or prefix that is not public), handed out
        # only as signed URLs that expire after a minute, by the permission-checked views.
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
                "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
                "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
                "location": env.str("AWS_PRIVATE_LOCATION", default="private"),
                "querystring_auth": True,
                "querystring_expire": ASOUD_PRIVATE_URL_SECONDS,
                "signature_version": "s3v4",  # the expiry is part of the signature
                "file_overwrite": False,
                "default_acl": "private",
            },
        },
    }
# nginx (or the bucket) serves public media in production; Django only in development and tests.
ASOUD_SERVE_MEDIA = env.bool("ASOUD_SERVE_MEDIA", default=False)
# Private files on the local volume reach the browser through nginx's `internal` /_private/.
ASOUD_PRIVATE_FILES_ACCEL = env.bool("ASOUD_PRIVATE_FILES_ACCEL", default=not AWS_STORAGE_BUCKET_NAME)

# --- Email --------------------------------------------------------------------------------------
# e.g. smtp+tls://user:password@smtp.example.com:587 (django-environ's email URL).
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default=f"ASOUD <noreply@{ASOUD_BASE_DOMAIN}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -------------------------------------------------------------------------------------
# Workers log through LOGGING below (JSON lines) instead of Celery's own root handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / ".data" / "celerybeat-schedule")
)


# --- Logging: one JSON object per line on stdout (request_id, schema, user_id, task_id) -----------
LOGGING = logging_config(log_format=env.str("LOG_FORMAT", default="json"), level=env.str("LOG_LEVEL", default="INFO"))
