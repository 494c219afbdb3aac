"""Chat, support tickets and notifications (asoud.chat, asoud.support, asoud.notifications)."""

import os

import environ

from .base import ASOUD_BASE_DOMAIN, CELERY_BEAT_SCHEDULE  # base.py star-imports this module at its end

env = environ.Env()

_PRODUCTION = os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production")

# --- Chat -------------------------------------------------------------------------------------
CHAT_PAGE_SIZE = env.int("CHAT_PAGE_SIZE", default=30)  # messages per page of history
CHAT_MAX_TEXT_LENGTH = env.int("CHAT_MAX_TEXT_LENGTH", default=4000)
# A message still unread this many seconds after it was sent is announced to the recipient by SMS
# and/or email (their notification preferences decide), once per run of unread messages.
CHAT_UNREAD_NOTIFY_AFTER = env.int("CHAT_UNREAD_NOTIFY_AFTER", default=10 * 60)

# --- Notifications ----------------------------------------------------------------------------
NOTIFICATIONS_PAGE_SIZE = env.int("NOTIFICATIONS_PAGE_SIZE", default=20)
# Failed SMS/email hand-overs are retried with exponential backoff (30 s, 60 s, … at most 10 min).
NOTIFICATIONS_MAX_RETRIES = env.int("NOTIFICATIONS_MAX_RETRIES", default=5)
NOTIFICATIONS_RETRY_BACKOFF = env.float("NOTIFICATIONS_RETRY_BACKOFF", default=30.0)
NOTIFICATIONS_RETRY_BACKOFF_MAX = env.float("NOTIFICATIONS_RETRY_BACKOFF_MAX", default=600.0)
# Deliveries due but still queued this long after their last change lost their task (broker down,
# worker killed): `notifications.requeue_stale` queues them again.
NOTIFICATIONS_STALE_AFTER = env.int("NOTIFICATIONS_STALE_AFTER", default=15 * 60)
# Links in SMS and email point at the platform or a market host: scheme and port to use for them.
NOTIFICATIONS_LINK_SCHEME = env.str("NOTIFICATIONS_LINK_SCHEME", default="https" if _PRODUCTION else "http")
NOTIFICATIONS_LINK_PORT = env.int(
    "NOTIFICATIONS_LINK_PORT", default=0 if _PRODUCTION else env.int("PORT", default=8000)
)

# Email: the console outside production (production.py sets SMTP from EMAIL_URL; tests use locmem).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default=f"ASOUD <noreply@{ASOUD_BASE_DOMAIN}>")

CELERY_BEAT_SCHEDULE["notifications-requeue-stale"] = {
    "task": "notifications.requeue_stale",
    "schedule": 5 * 60.0,
}
