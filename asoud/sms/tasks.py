"""Celery tasks of the SMS service. They take message ids, never rows."""

from celery import shared_task
from django.conf import settings

from .models import SmsMessage
from .services import SMS_QUEUE, sms_deliver, sms_otp_resend_pending, sms_requeue_stale


def retry_countdown(retries: int) -> float:
    """Exponential backoff: SMS_RETRY_BACKOFF, then twice as long each time, up to the maximum."""
    return min(settings.SMS_RETRY_BACKOFF * 2**retries, settings.SMS_RETRY_BACKOFF_MAX)


@shared_task(bind=True, name="sms.deliver", queue=SMS_QUEUE, acks_late=True, ignore_result=True, max_retries=None)
def deliver(self, message_id: int) -> str:
    """Deliver one message. When every provider failed and one of them may succeed later (network,
    provider server error), try again after a growing pause, SMS_MAX_RETRIES times at most."""
    can_retry = self.request.retries < settings.SMS_MAX_RETRIES
    message = sms_deliver(message_id=message_id, can_retry=can_retry)
    if message is None:
        return "skipped"
    if message.status == SmsMessage.Status.QUEUED:
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return message.status


@shared_task(name="sms.requeue_stale", ignore_result=True)
def requeue_stale() -> int:
    """Scheduled by beat: messages whose task was lost are queued again."""
    return len(sms_requeue_stale())


@shared_task(name="sms.otp_resend_pending", queue=SMS_QUEUE, ignore_result=True)
def otp_resend_pending() -> int:
    """Scheduled by beat every few seconds: sign-in codes still pending are queued again."""
    return len(sms_otp_resend_pending())
