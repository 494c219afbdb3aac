"""The one entry point for telling someone something: `notify`. It stores a notification, one
delivery row per channel the person wants, and queues a Celery task per delivery after commit
(queue "notifications"; `send_at` schedules it). Tasks hand SMS to asoud.sms, email to Django's
email backend, and in-app notifications to the bell over the channel layer."""

import json
import logging
import smtplib
from datetime import datetime
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from asoud.accounts.models import User
from asoud.core.outbox import Outbox
from asoud.sms.services import sms_send
from tenants.models import Market

from . import realtime
from .events import ALWAYS_ON, MARKET_EVENTS, Category, Channel, event_get
from .models import Delivery, Notification, Preference, RecipientSettings
from .selectors import enabled_channels, notification_text, recipient_language

logger = logging.getLogger(__name__)

NOTIFICATIONS_QUEUE = "notifications"


def notify(
    *,
    user_id: int,
    event: str,
    context: dict,
    market_id: int | None = None,
    send_at: datetime | None = None,
    group_key: str = "",
) -> Notification | None:
    """Tell `user_id` about `event` (a name from events.py) on the channels they chose. `context`
    fills the event's templates (JSON values; money in Rials). `send_at` delays delivery. With
    `group_key`, a groupable event still unread is updated ("3 new messages") instead of repeated.
    Returns None when the person wants none of the event's channels or cannot be reached."""
    spec = event_get(event)
    _check_context(event, spec.required, context, market_id)
    user = User.objects.filter(pk=user_id, is_active=True).only("pk", "mobile", "email").first()
    if user is None:
        return None
    wanted = enabled_channels(user_id=user_id, category=spec.category) & set(spec.channels)
    recipients = {Channel.IN_APP: "", Channel.SMS: user.mobile, Channel.EMAIL: user.email}
    channels = [c for c in Channel.values if c in wanted and (c == Channel.IN_APP or recipients[c])]
    if not channels:
        return None
    if market_id is not None:
        context = {"market_name": Market.objects.values_list("name", flat=True).get(pk=market_id), **context}
    with transaction.atomic():
        if group_key and spec.groupable and send_at is None:
            merged = _merge_into_unread(user_id=user_id, group_key=group_key, context=context)
            if merged is not None:
                return merged
        notification = Notification.objects.create(
            user_id=user_id,
            event=event,
            category=spec.category,
            market_id=market_id,
            context=context,
            group_key=group_key[:80],
            priority=spec.priority,
            send_at=send_at,
        )
        deliveries = Delivery.objects.bulk_create(
            [
                Delivery(notification=notification, channel=channel, recipient=recipients[channel])
                for channel in channels
            ]
        )
    for delivery in deliveries:
        transaction.on_commit(partial(_enqueue, delivery.pk, spec.priority, send_at))
    return notification


def _check_context(event: str, required: tuple[str, ...], context: dict, market_id: int | None) -> None:
    missing = [key for key in required if key not in context]
    if missing:
        raise ValueError(f"notify({event!r}): the context lacks {', '.join(missing)}")
    if event in MARKET_EVENTS and market_id is None:
        raise ValueError(f"notify({event!r}) needs market_id")
    json.dumps(context, cls=DjangoJSONEncoder)  # stored as JSON: fail here, not in a worker


def _merge_into_unread(*, user_id: int, group_key: str, context: dict) -> Notification | None:
    notification = (
        Notification.objects.select_for_update()
        .filter(user_id=user_id, group_key=group_key[:80], read_at__isnull=True)
        .order_by("-id")
        .first()
    )
    if notification is None:
        return None
    notification.context = context
    notification.count = F("count") + 1
    update = ["context", "count", "updated_at"]
    if notification.shown_at is not None:
        notification.shown_at = timezone.now()  # back to the top of the list
        update.append("shown_at")
    notification.save(update_fields=update)
    notification.refresh_from_db(fields=["count"])
    transaction.on_commit(partial(realtime.bell_push, user_id=user_id, notification_id=notification.pk))
    return notification


def _enqueue(delivery_id: int, priority: int, send_at: datetime | None) -> None:
    try:
        # By name: the task module imports this one (tasks call services, never the other way).
        current_app.send_task(
            "notifications.deliver",
            args=[delivery_id],
            queue=NOTIFICATIONS_QUEUE,
            priority=priority,
            eta=send_at,
            # Notification rows live in the public schema whichever market caused them.
            headers={"_schema_name": get_public_schema_name()},
        )
    except Exception:  # the broker is down: the row stays queued and requeue_stale sends it later
        logger.exception("Notification delivery %s could not be queued; requeue_stale will", delivery_id)


# --- Delivery (run by the notifications.deliver task) -----------------------------------------


class _Retryable(Exception):
    pass


def delivery_send(*, delivery_id: int, can_retry: bool) -> Delivery | None:
    """One attempt at one delivery. Returns the row (`queued` again when a retry may help), or None
    when there was nothing to do: already sent, taken by another worker, not due yet, or gone."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    notification = delivery.notification
    try:
        if delivery.channel == Channel.IN_APP:
            _show(notification)
        elif delivery.channel == Channel.SMS:
            delivery.sms_message_id = _send_sms(notification, delivery.recipient).pk
        else:
            _send_email(notification, delivery.recipient)
    except _Retryable as error:
        return _mark_unsent(delivery, error=str(error.__cause__ or error), retry=can_retry)
    except Exception as error:  # a template or data problem: retrying would fail the same way
        logger.exception("Notification delivery %s failed", delivery.pk)
        return _mark_unsent(delivery, error=repr(error), retry=False)
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.error = ""
    delivery.save(update_fields=["status", "sent_at", "error", "sms_message_id", "updated_at"])
    return delivery


def _claim(delivery_id: int) -> Delivery | None:
    if not OUTBOX.claim(delivery_id, sending_stale_after=settings.NOTIFICATIONS_SENDING_STALE_AFTER):
        return None
    return Delivery.objects.select_related("notification").get(pk=delivery_id)


def _show(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk, shown_at__isnull=True).update(shown_at=timezone.now())
    transaction.on_commit(partial(realtime.bell_push, user_id=notification.user_id, notification_id=notification.pk))


def _send_sms(notification: Notification, mobile: str):
    language = recipient_language(user_id=notification.user_id)
    text = notification_text(notification=notification, part="sms", language=language)
    return sms_send(to=mobile, text=text, priority=notification.priority)


def _send_email(notification: Notification, address: str) -> None:
    language = recipient_language(user_id=notification.user_id)
    subject = notification_text(notification=notification, part="email_subject", language=language)
    body = notification_text(notification=notification, part="email", language=language)
    try:
        send_mail(subject, body, None, [address], fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:  # server down or refusing for now
        raise _Retryable from error


def _mark_unsent(delivery: Delivery, *, error: str, retry: bool) -> Delivery:
    delivery.status = Delivery.Status.QUEUED if retry else Delivery.Status.FAILED
    delivery.error = error[:2000]
    delivery.save(update_fields=["status", "error", "updated_at"])
    return delivery


def delivery_requeue_stale() -> list[int]:
    """Queue again the due deliveries whose task was lost (broker down when queued, worker killed)."""
    return OUTBOX.requeue(OUTBOX.stale(stale_after=settings.NOTIFICATIONS_STALE_AFTER))


def delivery_resend_pending() -> list[int]:
    """The outbox (beat, every 30 s): a due delivery never tried whose task was lost (broker down
    when it was queued, worker killed before it ran) is queued again NOTIFICATIONS_RESEND_AFTER
    seconds after its last change; one a dead worker was handling, after
    NOTIFICATIONS_SENDING_STALE_AFTER. Rows are touched when queued, so each is queued at most once
    per interval; the claim makes sure it is delivered once."""
    return OUTBOX.resend_pending(
        resend_after=settings.NOTIFICATIONS_RESEND_AFTER,
        sending_stale_after=settings.NOTIFICATIONS_SENDING_STALE_AFTER,
    )


def _due(now: datetime) -> Q:
    """Deliveries whose notification is not scheduled for later."""
    return Q(notification__send_at__isnull=True) | Q(notification__send_at__lte=now)


OUTBOX = Outbox(
    model=Delivery,
    label="Notification outbox",
    queued=Delivery.Status.QUEUED,
    sending=Delivery.Status.SENDING,
    priority="notification__priority",
    enqueue=lambda delivery_id, priority: _enqueue(delivery_id, priority, None),
    due=_due,
)


# --- Read state and preferences -------------------------------------------------------------


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
        transaction.on_commit(partial(realtime.bell_push, user_id=notification.user_id))
    return notification


def notification_mark_all_read(*, user_id: int) -> int:
    marked = Notification.objects.filter(user_id=user_id, read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        transaction.on_commit(partial(realtime.bell_push, user_id=user_id))
    return marked


def notification_mark_read_by_group(*, user_id: int, group_key: str) -> int:
    """E.g. opening a conversation reads the "new messages" notification about it."""
    marked = Notification.objects.filter(user_id=user_id, group_key=group_key[:80], read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if marked:
        transaction.on_commit(partial(realtime.bell_push, user_id=user_id))
    return marked


@transaction.atomic
def preferences_update(*, user_id: int, enabled: dict[str, set[str]], language: str) -> None:
    """Store the person's choice for every category and channel shown on the settings page."""
    for category in Category.values:
        if category in ALWAYS_ON:
            continue
        for channel in Channel.values:
            Preference.objects.update_or_create(
                user_id=user_id,
                category=category,
                channel=channel,
                defaults={"enabled": channel in enabled.get(category, set())},
            )
    RecipientSettings.objects.update_or_create(user_id=user_id, defaults={"language": language})
