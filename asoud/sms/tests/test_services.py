import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_requeue_stale, sms_retry, sms_send, sms_send_otp

from .factories import SmsMessageFactory
from .helpers import delivered


@pytest.mark.django_db
def test_send_stores_a_queued_row_with_the_number_in_e164():
    message = sms_send(to="۰۹۱۲ ۱۲۳ ۴۵۶۷", text="Your order has shipped.")
    message.refresh_from_db()
    assert message.recipient == "+989121234567"
    assert message.kind == SmsMessage.Kind.TEXT
    assert message.status == SmsMessage.Status.QUEUED
    assert message.priority == SmsMessage.Priority.NORMAL
    assert message.attempts == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("to", "text"), [("12345", "Hello"), ("09121234567", "   ")])
def test_send_refuses_a_bad_number_or_empty_text(to, text):
    mine = SmsMessage.objects.filter(text=text)  # real workers of other tests may commit other messages
    before = mine.count()
    with pytest.raises(ValidationError):
        sms_send(to=to, text=text)
    assert mine.count() == before


@pytest.mark.django_db
def test_otp_is_high_priority_with_a_persian_text_by_default():
    message = sms_send_otp(to="989121234567", code="123456")
    assert message.kind == SmsMessage.Kind.OTP
    assert message.priority == SmsMessage.Priority.HIGH
    assert message.text == "کد ورود شما به آسود: 123456"
    assert message.params == {"code": "123456"}
    assert message.otp_code == "123456"


@pytest.mark.django_db
def test_otp_text_in_english_when_asked():
    message = sms_send_otp(to="09121234567", code="4321", language="en")
    assert message.text == "Your ASOUD sign-in code: 4321"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["12 34", "abc123", "12", ""])
def test_otp_code_must_be_digits(code):
    with pytest.raises(ValidationError):
        sms_send_otp(to="09121234567", code=code)


@pytest.mark.django_db
def test_service_queues_delivery_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        sms_send_otp(to="09121234567", code="123456")
        sms_send(to="09121234567", text="Hello")
    assert len(callbacks) == 2


@pytest.mark.django_db
def test_outbox_backend_marks_the_row_sent_and_logs_the_text(caplog):
    message = sms_send_otp(to="09121234567", code="654321")
    with caplog.at_level(logging.INFO, logger="asoud.sms.outbox"):
        message = delivered(message)
    assert message.status == SmsMessage.Status.SENT
    assert message.provider == "outbox"
    assert message.provider_message_id.startswith("outbox-")
    assert message.sent_at is not None
    assert message.attempts == 1
    assert "+989121234567" in caplog.text
    assert "654321" in caplog.text


@pytest.mark.django_db
def test_a_sent_message_is_never_sent_twice():
    message = delivered(sms_send(to="09121234567", text="Once"))
    again = delivered(message)
    assert again.attempts == 1
    assert again.sent_at == message.sent_at


@pytest.mark.django_db
def test_retry_puts_a_failed_message_back_in_the_queue():
    failed = SmsMessageFactory(status=SmsMessage.Status.FAILED, error="[auth] smsir: bad key", attempts=1)
    retried = sms_retry(message=failed)
    assert retried.status == SmsMessage.Status.QUEUED
    assert retried.error == "[auth] smsir: bad key"  # kept until the next attempt tells more
    assert delivered(retried).status == SmsMessage.Status.SENT


@pytest.mark.django_db
@pytest.mark.parametrize("status", [SmsMessage.Status.SENT, SmsMessage.Status.QUEUED, SmsMessage.Status.SENDING])
def test_only_failed_messages_can_be_retried(status):
    with pytest.raises(ValidationError):
        sms_retry(message=SmsMessageFactory(status=status))


@pytest.mark.django_db
def test_requeue_stale_sends_lost_texts_again_and_expires_lost_codes(django_capture_on_commit_callbacks):
    old = timezone.now() - timedelta(hours=1)
    lost_text = sms_send(to="09121234567", text="Lost")
    lost_otp = sms_send_otp(to="09121234567", code="111111")
    fresh = sms_send(to="09121234567", text="Just queued")
    SmsMessage.objects.filter(pk__in=[lost_text.pk, lost_otp.pk]).update(updated_at=old)

    with django_capture_on_commit_callbacks() as callbacks:
        requeued = sms_requeue_stale()

    assert requeued == [lost_text.pk]
    assert len(callbacks) == 1
    lost_otp.refresh_from_db()
    assert lost_otp.status == SmsMessage.Status.FAILED
    assert "expired" in lost_otp.error
    fresh.refresh_from_db()
    assert fresh.status == SmsMessage.Status.QUEUED


@pytest.mark.django_db
def test_a_message_left_sending_by_a_dead_worker_is_taken_over_once_stale():
    message = sms_send(to="09121234567", text="Crashed mid-way")
    SmsMessage.objects.filter(pk=message.pk).update(status=SmsMessage.Status.SENDING, attempts=1)
    assert delivered(message).status == SmsMessage.Status.SENDING  # another worker may still be on it

    SmsMessage.objects.filter(pk=message.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    message = delivered(message)
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 2
