"""Several providers in SMS_BACKENDS: fall back, retry, and keep failures visible."""

import pytest

from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_retry, sms_send, sms_send_otp
from asoud.sms.tasks import retry_countdown

from .helpers import delivered


@pytest.mark.django_db
def test_a_refusing_provider_falls_back_to_the_next(settings, smsir, kavenegar):
    settings.SMS_BACKENDS = ["smsir", "kavenegar"]
    settings.SMSIR_API_KEY = "revoked"
    message = delivered(sms_send_otp(to="09121234567", code="123456"))

    assert message.status == SmsMessage.Status.SENT
    assert message.provider == "kavenegar"
    assert message.attempts == 1
    assert message.error == ""
    assert smsir.app.sent == []
    assert kavenegar.app.sent[0]["token"] == "123456"


@pytest.mark.django_db
def test_a_provider_down_falls_back_without_waiting(settings, kavenegar, closed_port_url):
    settings.SMS_BACKENDS = ["smsir", "kavenegar"]
    settings.SMSIR_BASE_URL = closed_port_url
    message = delivered(sms_send(to="09121234567", text="Hello"))

    assert message.status == SmsMessage.Status.SENT
    assert message.provider == "kavenegar"
    assert message.attempts == 1


@pytest.mark.django_db
def test_the_outbox_can_be_the_last_resort(settings, smsir):
    settings.SMS_BACKENDS = ["smsir", "outbox"]
    message = delivered(sms_send(to="09990000102", text="Hello"))  # smsir: not enough credit

    assert message.status == SmsMessage.Status.SENT
    assert message.provider == "outbox"


@pytest.mark.django_db
def test_when_every_provider_fails_the_row_keeps_every_reason(settings, smsir, kavenegar):
    settings.SMS_BACKENDS = ["smsir", "kavenegar"]
    settings.SMSIR_API_KEY = "revoked"
    settings.KAVENEGAR_API_KEY = "revoked"
    message = delivered(sms_send_otp(to="09121234567", code="123456"))

    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == 1  # nobody can succeed by waiting: no retries
    assert message.provider == "kavenegar"
    assert message.error.splitlines() == [
        "[auth] smsir: کلید وب سرویس نامعتبر است (status 10)",
        "[auth] kavenegar: کد شناسائی API-Key معتبر نمی‌باشد (status 403)",
    ]


@pytest.mark.django_db
def test_retryable_failures_are_retried_then_fail_with_attempts_counted(settings, smsir, kavenegar):
    settings.SMS_BACKENDS = ["smsir", "kavenegar"]
    message = delivered(sms_send(to="09990000500", text="Hello"))  # both answer with a broken gateway page

    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == settings.SMS_MAX_RETRIES + 1
    assert message.error.splitlines() == [
        "[server] smsir: HTTP 500 (status 500)",
        "[server] kavenegar: HTTP 500, not a Kavenegar answer (status 500)",
    ]


@pytest.mark.django_db
def test_one_retryable_failure_is_enough_to_retry(settings, kavenegar, closed_port_url):
    settings.SMS_BACKENDS = ["smsir", "kavenegar"]
    settings.SMSIR_BASE_URL = closed_port_url  # network: may work later
    settings.KAVENEGAR_API_KEY = "revoked"  # auth: will not
    message = delivered(sms_send(to="09121234567", text="Hello"))

    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == settings.SMS_MAX_RETRIES + 1
    assert [line.split(" ")[0] for line in message.error.splitlines()] == ["[network]", "[auth]"]


@pytest.mark.django_db
def test_a_retry_that_succeeds_later_sends_the_message(settings, smsir, kavenegar, closed_port_url):
    settings.SMS_BACKENDS = ["kavenegar"]
    settings.KAVENEGAR_BASE_URL = closed_port_url
    message = delivered(sms_send(to="09121234567", text="Hello"))
    assert message.status == SmsMessage.Status.FAILED
    assert message.error.startswith("[network] kavenegar: could not reach the provider")

    settings.KAVENEGAR_BASE_URL = kavenegar.url  # the provider is back; staff press "send again"
    message = delivered(sms_retry(message=message))
    assert message.status == SmsMessage.Status.SENT
    assert message.error == ""
    assert message.attempts == settings.SMS_MAX_RETRIES + 2


def test_backoff_doubles_up_to_the_maximum(settings):
    settings.SMS_RETRY_BACKOFF = 30
    settings.SMS_RETRY_BACKOFF_MAX = 600
    assert [retry_countdown(n) for n in range(6)] == [30, 60, 120, 240, 480, 600]
