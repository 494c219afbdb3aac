"""Sending SMS. Every message is a row first; a Celery task (queue "sms") delivers it after commit,
trying the providers of SMS_BACKENDS in order. Nothing is lost: a message nobody could send stays
`failed` with the reason, and staff can send it again."""

import logging
import re
import time
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from asoud.core.outbox import Outbox
from asoud.core.phone import normalize_mobile
from asoud.observability import metrics

from .backends import OutgoingSms, SendResult, SmsError, configured_backends
from .models import SmsMessage

logger = logging.getLogger(__name__)

SMS_QUEUE = "sms"
OTP_CODE = re.compile(r"^\d{4,10}$")


def sms_send(*, to: str, text: str, priority: int = SmsMessage.Priority.NORMAL) -> SmsMessage:
    """Queue a plain-text SMS to `to` (any form people type: 0912…, +98912…, Persian digits)."""
    if not text.strip():
        raise ValidationError(_("An SMS needs some text."), code="empty_text")
    message = SmsMessage.objects.create(
        recipient=normalize_mobile(to), kind=SmsMessage.Kind.TEXT, text=text, priority=priority
    )
    _deliver_after_commit(message)
    return message


def sms_send_otp(*, to: str, code: str, language: str | None = None) -> SmsMessage:
    """Queue a one-time sign-in code, ahead of every other SMS. Verify APIs send it through their
    panel template; plain-text providers and the outbox send the text (Persian unless `language`)."""
    code = str(code)
    if not OTP_CODE.match(code):
        raise ValidationError(_("A one-time code is 4 to 10 digits."), code="invalid_code")
    with translation.override(language or settings.SMS_LANGUAGE):
        text = gettext("Your ASOUD sign-in code: %(code)s") % {"code": code}
    message = SmsMessage.objects.create(
        recipient=normalize_mobile(to),
        kind=SmsMessage.Kind.OTP,
        text=text,
        params={"code": code},
        priority=SmsMessage.Priority.HIGH,
    )
    _deliver_after_commit(message)
    return message


@transaction.atomic
def sms_retry(*, message: SmsMessage) -> SmsMessage:
    """Send a failed message again (admin action). Its attempts and last error stay for the record."""
    message = SmsMessage.objects.select_for_update().get(pk=message.pk)
    if not message.can_retry:
        raise ValidationError(_("Only failed messages can be sent again."), code="not_failed")
    message.status = SmsMessage.Status.QUEUED
    message.save(update_fields=["status", "updated_at"])
    _deliver_after_commit(message)
    return message


def sms_deliver(*, message_id: int, can_retry: bool) -> SmsMessage | None:
    """One delivery attempt (run by the `sms.deliver` task): the providers in order until one takes
    the message. Returns the row, `queued` again when a later retry may help, or None when there was
    nothing to do (already sent, being sent by another worker, or gone).

    Exactly once, as far as the providers allow: after an attempt whose answer was lost (a worker
    killed mid-send, a timeout, a connection cut after the request left), each provider is first
    asked whether it already has the message (`find_sent`); and a provider that may have taken it
    ends the attempt, rather than handing the message to the next provider as well."""
    message = _claim(message_id)
    if message is None:
        return None
    outgoing = OutgoingSms(
        id=message.pk, to=message.recipient, kind=message.kind, text=message.text, params=message.params
    )
    errors: list[tuple[str, SmsError]] = []
    for backend in configured_backends(settings.SMS_BACKENDS):
        try:
            result = _already_sent(backend, outgoing, message) or backend.send(outgoing)
        except SmsError as error:
            logger.warning("SMS %s: %s failed (%s): %s", message.pk, backend.name, error.kind, error)
            metrics.sms_attempted(provider=backend.name, result=error.kind)
            errors.append((backend.name, error))
            if error.maybe_sent:
                break  # this provider may have it: ask it first next time, never send it elsewhere now
            continue
        except Exception as error:  # a bug in one backend must not stop the next one from sending
            logger.exception("SMS %s: %s crashed", message.pk, backend.name)
            metrics.sms_attempted(provider=backend.name, result="crashed")
            errors.append((backend.name, SmsError(f"{backend.name}: unexpected error {error!r}")))
            continue
        metrics.sms_attempted(provider=backend.name, result="sent")
        return _until_recorded(_mark_sent, message, provider=backend.name, result=result)
    return _mark_unsent(message, errors=errors, can_retry=can_retry)


def _already_sent(backend, outgoing: OutgoingSms, message: SmsMessage) -> SendResult | None:
    """The provider's record of this message when an earlier attempt (this row was claimed before)
    may have reached it; None when this is the first attempt or the provider has no such message."""
    if message.attempts <= 1:
        return None
    found = backend.find_sent(outgoing, since=message.created_at)
    if found is not None:
        logger.warning("SMS %s: %s already had it (%s): not sent again", message.pk, backend.name, found)
    return found


def _until_recorded(write, *args, **kwargs):
    """The provider took the message: record it even if PostgreSQL is away for a moment, or the row
    would stay `sending` and the outbox would send the message a second time."""
    deadline = time.monotonic() + settings.SMS_RECORD_PATIENCE
    while True:
        try:
            return write(*args, **kwargs)
        except (OperationalError, InterfaceError):
            connection.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def sms_requeue_stale() -> list[int]:
    """Queue again the messages whose task was lost (broker down when queued, worker killed while
    sending). A one-time code that late is useless to its reader, so it is marked failed instead."""
    stale = OUTBOX.stale(stale_after=settings.SMS_STALE_AFTER)
    stale.filter(kind=SmsMessage.Kind.OTP).update(
        status=SmsMessage.Status.FAILED,
        error=f"Not sent within {settings.SMS_STALE_AFTER // 60} minutes; the one-time code has expired.",
        updated_at=timezone.now(),
    )
    return OUTBOX.requeue(stale.filter(kind=SmsMessage.Kind.TEXT))


def sms_otp_resend_pending() -> list[int]:
    """The outbox for sign-in codes (beat, every few seconds): a code still valid whose task never
    reached a worker (broker down, task lost) is queued again SMS_OTP_RESEND_AFTER seconds after its
    last change, and one a dead worker was sending is taken over after SMS_OTP_SENDING_STALE_AFTER.
    Each row is touched when queued, so it is queued at most once per interval; the claim
    (`_claim`) makes sure it is sent once whatever the number of tasks."""
    valid_since = timezone.now() - timedelta(seconds=settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT)
    return OUTBOX.resend_pending(
        resend_after=settings.SMS_OTP_RESEND_AFTER,
        sending_stale_after=settings.SMS_OTP_SENDING_STALE_AFTER,
        only=Q(kind=SmsMessage.Kind.OTP, created_at__gte=valid_since),
    )


def _claim(message_id: int) -> SmsMessage | None:
    """Mark the row `sending` unless someone else has it, so two workers never send it twice. A row
    left `sending` by a worker that died is taken over once it is stale."""
    if not OUTBOX.claim(message_id, sending_stale_after=settings.SMS_STALE_AFTER):
        return None
    return SmsMessage.objects.get(pk=message_id)


def _mark_sent(message: SmsMessage, *, provider: str, result: SendResult) -> SmsMessage:
    message.status = SmsMessage.Status.SENT
    message.provider = provider
    message.provider_message_id = result.provider_message_id[:64]
    message.template = result.template or message.template
    message.error = ""
    message.sent_at = timezone.now()
    message.save(
        update_fields=["status", "provider", "provider_message_id", "template", "error", "sent_at", "updated_at"]
    )
    return message


def _mark_unsent(message: SmsMessage, *, errors: list[tuple[str, SmsError]], can_retry: bool) -> SmsMessage:
    retry = can_retry and any(error.retryable for _name, error in errors)
    message.status = SmsMessage.Status.QUEUED if retry else SmsMessage.Status.FAILED
    message.provider = errors[-1][0]
    message.error = "\n".join(f"[{error.kind}] {error}" for _name, error in errors)
    message.save(update_fields=["status", "provider", "error", "updated_at"])
    return message


def _deliver_after_commit(message: SmsMessage) -> None:
    transaction.on_commit(lambda: _enqueue(message.pk, message.priority))


def _enqueue(message_id: int, priority: int) -> None:
    try:
        # By name: the task module imports this one (tasks call services, never the other way).
        current_app.send_task(
            "sms.deliver",
            args=[message_id],
            queue=SMS_QUEUE,
            priority=priority,
            # SMS rows live in the public schema whichever market asked for the message.
            headers={"_schema_name": get_public_schema_name()},
        )
    except Exception:  # the broker is down: the row stays queued and the outbox jobs send it later
        logger.exception("SMS %s could not be queued; it stays queued for the outbox jobs", message_id)


OUTBOX = Outbox(
    model=SmsMessage,
    label="SMS outbox",
    queued=SmsMessage.Status.QUEUED,
    sending=SmsMessage.Status.SENDING,
    priority="priority",
    enqueue=_enqueue,
)
