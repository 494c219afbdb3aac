"""A send cut mid-way (the provider took the message, its answer never came back) is not sent a
second time: by the retry, by the outbox taking over from a dead worker, or by the next provider."""

from datetime import timedelta

import pytest
from django.utils import timezone

from asoud.sms.backends.base import OutgoingSms
from asoud.sms.backends.kavenegar import KavenegarBackend
from asoud.sms.backends.smsir import SmsIrBackend
from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_otp_resend_pending, sms_send, sms_send_otp

from .helpers import delivered

pytestmark = pytest.mark.django_db


def test_smsir_code_whose_answer_was_lost_is_found_in_the_report_not_sent_again(settings, smsir):
    settings.SMS_BACKENDS = ["smsir"]
    smsir.app.drop_answers = 1
    message = delivered(sms_send_otp(to="09121234567", code="481516"))

    assert [sent["parameters"][0]["value"] for sent in smsir.app.sent] == ["481516"]
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 2  # the cut attempt, then the retry that found it
    assert message.provider_message_id == str(smsir.app.sent[0]["messageId"])


def test_smsir_text_whose_answer_was_lost_is_not_sent_again(settings, smsir):
    settings.SMS_BACKENDS = ["smsir"]
    smsir.app.drop_answers = 1
    message = delivered(sms_send(to="09121234567", text="Your order has shipped"))

    assert [sent["messageText"] for sent in smsir.app.sent] == ["Your order has shipped"]
    assert message.status == SmsMessage.Status.SENT
    assert message.provider_message_id == str(smsir.app.sent[0]["messageId"])


def test_kavenegar_text_is_sent_with_our_id_and_a_repeat_returns_the_first_message(settings, kavenegar):
    settings.SMS_BACKENDS = ["kavenegar"]
    kavenegar.app.drop_answers = 1
    message = delivered(sms_send(to="09121234567", text="Your order has shipped"))

    assert [(sent["message"], sent["localid"]) for sent in kavenegar.app.sent] == [
        ("Your order has shipped", str(message.pk))
    ]
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 2
    assert message.provider_message_id == str(kavenegar.app.sent[0]["messageid"])


def test_kavenegar_code_whose_answer_was_lost_is_found_in_the_outbox_not_sent_again(settings, kavenegar):
    settings.SMS_BACKENDS = ["kavenegar"]
    kavenegar.app.drop_answers = 1
    message = delivered(sms_send_otp(to="09121234567", code="481516"))

    assert [sent["token"] for sent in kavenegar.app.sent] == ["481516"]
    assert message.status == SmsMessage.Status.SENT
    assert message.provider_message_id == str(kavenegar.app.sent[0]["messageid"])


def test_a_provider_that_may_have_the_message_is_not_followed_by_the_next_one(settings, smsir, kavenegar):
    settings.SMS_BACKENDS = ["smsir", "kavenegar"]
    smsir.app.drop_answers = 1
    message = delivered(sms_send_otp(to="09121234567", code="481516"))

    assert len(smsir.app.sent) == 1
    assert kavenegar.app.sent == []  # SMS.ir had it: Kavenegar was never asked to send it too
    assert message.provider == "smsir"
    assert message.status == SmsMessage.Status.SENT


def test_a_refused_connection_still_falls_back_at_once(settings, kavenegar, closed_port_url):
    """Nothing left the machine: the next provider sends it in the same attempt."""
    settings.SMS_BACKENDS = ["smsir", "kavenegar"]
    settings.SMSIR_BASE_URL = closed_port_url
    message = delivered(sms_send_otp(to="09121234567", code="481516"))

    assert message.provider == "kavenegar"
    assert message.attempts == 1
    assert [sent["token"] for sent in kavenegar.app.sent] == ["481516"]


@pytest.mark.parametrize("provider", ["smsir", "kavenegar"])
def test_the_outbox_taking_over_from_a_dead_worker_does_not_send_the_code_again(
    settings, request, provider, django_capture_on_commit_callbacks
):
    """The worker took the code, the provider took it, and the worker died before it recorded
    "sent": the row stays `sending`. The outbox queues it again; the provider already has it."""
    server = request.getfixturevalue(provider)
    settings.SMS_BACKENDS = [provider]
    with django_capture_on_commit_callbacks():  # the original task is lost with the worker
        message = sms_send_otp(to="09121234567", code="481516")
    backend = SmsIrBackend() if provider == "smsir" else KavenegarBackend()
    outgoing = OutgoingSms(
        id=message.pk, to=message.recipient, kind=message.kind, text=message.text, params=message.params
    )
    backend.send(outgoing)  # what the dead worker did
    long_ago = timezone.now() - timedelta(seconds=settings.SMS_OTP_SENDING_STALE_AFTER + 1)
    SmsMessage.objects.filter(pk=message.pk).update(status=SmsMessage.Status.SENDING, attempts=1, updated_at=long_ago)

    with django_capture_on_commit_callbacks():
        assert sms_otp_resend_pending() == [message.pk]
    message = delivered(message)

    assert len(server.app.sent) == 1
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 2
