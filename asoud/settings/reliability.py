"""Faults: what keeps the site up and nothing lost when Redis, PostgreSQL or a worker dies
(docs/reliability.md). base.py star-imports this module at its end.
"""

import environ
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from .base import CACHES, CELERY_BEAT_SCHEDULE, CHANNEL_LAYERS

env = environ.Env()

# Redis down: cache reads are misses and writes are dropped (logged); pages render from the database.
# (asoud.core.cache.ResilientRedisCache, timed for the metrics by its subclass TimedRedisCache.)
CACHES["default"]["BACKEND"] = "asoud.observability.cache.TimedRedisCache"
CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 1, "socket_timeout": 2})

# Websockets: a pooled connection left over from before a Redis restart is pinged before use and
# replaced, so the first reconnect after Redis returns works.
CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0].update(
    {
        "health_check_interval": 1,
        "retry": Retry(ExponentialBackoff(cap=1.0, base=0.1), 3),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError],
    }
)

# Celery: a task is acknowledged after it ran (CELERY_TASK_ACKS_LATE in base.py) and given back to
# the queue when the worker running it dies; an unacknowledged task of a worker killed outright is
# delivered again after the visibility timeout, which must outlast the longest retry countdown (10 min).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=15 * 60)}

# The SMS and notification rows are the outbox: what is still pending is queued again by beat.
# A sign-in code never handed to a worker (broker down, task lost) is queued again after this many
# seconds, while it is still valid; one a dead worker was sending, after SMS_OTP_SENDING_STALE_AFTER.
SMS_OTP_RESEND_AFTER = env.int("SMS_OTP_RESEND_AFTER", default=10)
SMS_OTP_SENDING_STALE_AFTER = env.int("SMS_OTP_SENDING_STALE_AFTER", default=30)
# A message the provider took is recorded as sent even if PostgreSQL is away for up to this long.
SMS_RECORD_PATIENCE = env.int("SMS_RECORD_PATIENCE", default=60)
CELERY_BEAT_SCHEDULE["sms-otp-resend"] = {"task": "sms.otp_resend_pending", "schedule": 10.0}
# Notifications: a delivery never tried is queued again after this many seconds (checked every 30 s).
NOTIFICATIONS_RESEND_AFTER = env.int("NOTIFICATIONS_RESEND_AFTER", default=30)
NOTIFICATIONS_SENDING_STALE_AFTER = env.int("NOTIFICATIONS_SENDING_STALE_AFTER", default=60)
CELERY_BEAT_SCHEDULE["notifications-resend"] = {"task": "notifications.resend_pending", "schedule": 30.0}

# Payments: the reconcile job walks every due payment, oldest first, in batches of this size.
PAYMENTS_RECONCILE_BATCH = env.int("PAYMENTS_RECONCILE_BATCH", default=200)
# An online payment that never got an authority (the database or the gateway dropped during the
# request) can't have been paid: after this many minutes it is failed.
PAYMENTS_INITIATED_EXPIRE_MINUTES = env.int("PAYMENTS_INITIATED_EXPIRE_MINUTES", default=30)
