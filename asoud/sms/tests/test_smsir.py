"""The SMS.ir backend against the SMS.ir stand-in, over real HTTP."""

import pytest

from asoud.sms.backends import (
    OutgoingSms,
    SmsAuthError,
    SmsCreditError,
    SmsInvalidRequestError,
    SmsNetworkError,
    SmsServerError,
)
from asoud.sms.backends.smsir import SmsIrBackend
from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_send, sms_send_otp

from .conftest import SMSIR_LINE, SMSIR_TEMPLATE
from .helpers import delivered


def text_to(number: str) -> OutgoingSms:
    return OutgoingSms(id=1, to="+98" + number.removeprefix("0"), kind="text", text="Hello")


@pytest.mark.django_db
def test_otp_goes_through_the_verify_template(settings, smsir):
    settings.SMS_BACKENDS = ["smsir"]
    message = delivered(sms_send_otp(to="09121234567", code="123456"))

    assert message.status == SmsMessage.Status.SENT
    assert message.provider == "smsir"
    assert message.template == str(SMSIR_TEMPLATE)
    [received] = smsir.app.sent
    assert received["endpoint"] == "verify"
    assert received["mobile"] == "09121234567"
    assert received["templateId"] == SMSIR_TEMPLATE
    assert received["parameters"] == [{"name": "Code", "value": "123456"}]
    assert message.provider_message_id == str(received["messageId"])


@pytest.mark.django_db
def test_text_goes_through_bulk_from_the_configured_line(settings, smsir):
    settings.SMS_BACKENDS = ["smsir"]
    message = delivered(sms_send(to="+989121234567", text="سفارش شما ارسال شد."))

    assert message.status == SmsMessage.Status.SENT
    [received] = smsir.app.sent
    assert received == {
        "endpoint": "bulk",
        "mobile": "09121234567",
        "lineNumber": SMSIR_LINE,
        "messageText": "سفارش شما ارسال شد.",
        "messageId": int(message.provider_message_id),
    }


@pytest.mark.django_db
def test_otp_without_a_template_is_sent_as_text(settings, smsir):
    settings.SMS_BACKENDS = ["smsir"]
    settings.SMSIR_OTP_TEMPLATE_ID = 0
    message = delivered(sms_send_otp(to="09121234567", code="777777"))

    assert message.status == SmsMessage.Status.SENT
    assert smsir.app.sent[0]["endpoint"] == "bulk"
    assert smsir.app.sent[0]["messageText"] == "کد ورود شما به آسود: 777777"


@pytest.mark.parametrize(
    ("number", "error_class"),
    [
        ("09990000010", SmsAuthError),  # invalid API key
        ("09990000014", SmsAuthError),  # account suspended
        ("09990000102", SmsCreditError),  # not enough credit
        ("09990000015", SmsCreditError),  # plan upgrade needed
        ("09990000113", SmsInvalidRequestError),  # template not found
        ("09990000115", SmsInvalidRequestError),  # number blacklisted
        ("09990000000", SmsServerError),  # system problem
        ("09990000020", SmsServerError),  # too many requests (HTTP 429)
        ("09990000500", SmsServerError),  # a gateway's HTML error page instead of the JSON envelope
    ],
)
def test_documented_statuses_map_to_error_classes(smsir, number, error_class):
    with pytest.raises(error_class) as raised:
        SmsIrBackend().send(text_to(number))
    assert raised.value.retryable is error_class.retryable
    assert str(raised.value).startswith("smsir: ")


def test_wrong_api_key_is_an_auth_error_with_the_providers_message(settings, smsir):
    settings.SMSIR_API_KEY = "not-the-key"
    with pytest.raises(SmsAuthError, match="کلید وب سرویس نامعتبر است") as raised:
        SmsIrBackend().send(text_to("09121234567"))
    assert raised.value.status == 10
    assert smsir.app.sent == []


def test_wrong_line_number_is_an_invalid_request(settings, smsir):
    settings.SMSIR_LINE_NUMBER = 3000999
    with pytest.raises(SmsInvalidRequestError) as raised:
        SmsIrBackend().send(text_to("09121234567"))
    assert raised.value.status == 101


def test_blacklisted_number_in_bulk_is_refused(settings, smsir):
    smsir.app.blacklist.add("9121110000")
    with pytest.raises(SmsInvalidRequestError, match="blacklist"):
        SmsIrBackend().send(text_to("09121110000"))


def test_unreachable_provider_is_a_network_error(settings, closed_port_url):
    settings.SMSIR_BASE_URL = closed_port_url
    settings.SMSIR_API_KEY = "key"
    with pytest.raises(SmsNetworkError) as raised:
        SmsIrBackend().send(text_to("09121234567"))
    assert raised.value.retryable


def test_slow_provider_times_out_as_a_network_error(settings, smsir):
    settings.SMS_TIMEOUT = 0.2
    with pytest.raises(SmsNetworkError, match="no answer within"):
        SmsIrBackend().send(text_to("09990000999"))


@pytest.mark.django_db
def test_server_errors_are_retried_then_the_row_fails(settings, smsir):
    settings.SMS_BACKENDS = ["smsir"]
    message = delivered(sms_send(to="09990000000", text="Hello"))

    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == settings.SMS_MAX_RETRIES + 1
    assert message.provider == "smsir"
    assert message.error.startswith("[server] smsir: ")


@pytest.mark.django_db
def test_auth_errors_are_not_retried(settings, smsir):
    settings.SMS_BACKENDS = ["smsir"]
    settings.SMSIR_API_KEY = "revoked"
    message = delivered(sms_send_otp(to="09121234567", code="123456"))

    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == 1
    assert message.error == "[auth] smsir: کلید وب سرویس نامعتبر است (status 10)"
