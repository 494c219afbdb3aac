"""Celery tasks of the notification service (queue "notifications"). They take ids, never rows."""

from celery import shared_task
from django.conf import settings

from .models import Delivery
from .services import NOTIFICATIONS_QUEUE, delivery_requeue_stale, delivery_resend_pending, delivery_send


def retry_countdown(retries: int) -> float:
    return min(settings.NOTIFICATIONS_RETRY_BACKOFF * 2**retries, settings.NOTIFICATIONS_RETRY_BACKOFF_MAX)


@shared_task(
    bind=True, name="notifications.deliver", queue=NOTIFICATIONS_QUEUE, acks_late=True, ignore_result=True,
    max_retries=None,
)  # fmt: skip
def deliver(self, delivery_id: int) -> str:
    """Hand one delivery to its channel; a temporary failure (mail server down) is retried with a
    growing pause, NOTIFICATIONS_MAX_RETRIES times at most, then the row is `failed`."""
    can_retry = self.request.retries < settings.NOTIFICATIONS_MAX_RETRIES
    delivery = delivery_send(delivery_id=delivery_id, can_retry=can_retry)
    if delivery is None:
        return "skipped"
    if delivery.status == Delivery.Status.QUEUED:
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return delivery.status


@shared_task(name="notifications.requeue_stale", queue=NOTIFICATIONS_QUEUE, ignore_result=True)
def requeue_stale() -> int:
    """Scheduled by beat: due deliveries whose task was lost are queued again."""
    return len(delivery_requeue_stale())


@shared_task(name="notifications.resend_pending", queue=NOTIFICATIONS_QUEUE, ignore_result=True)
def resend_pending() -> int:
    """Scheduled by beat every 30 s: deliveries whose task was lost are queued again."""
    return len(delivery_resend_pending())
