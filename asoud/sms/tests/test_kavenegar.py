"""The Kavenegar backend against the Kavenegar stand-in, over real HTTP."""

import pytest

from asoud.sms.backends import (
    OutgoingSms,
    SmsAuthError,
    SmsCreditError,
    SmsInvalidRequestError,
    SmsNetworkError,
    SmsServerError,
)
from asoud.sms.backends.kavenegar import KavenegarBackend
from asoud.sms.models import SmsMessage
from asoud.sms.services import sms_send, sms_send_otp

from .conftest import KAVENEGAR_TEMPLATE
from .helpers import delivered


def otp_to(number: str, code: str = "123456") -> OutgoingSms:
    return OutgoingSms(
        id=1, to="+98" + number.removeprefix("0"), kind="otp", text=f"code {code}", params={"code": code}
    )


@pytest.mark.django_db
def test_otp_goes_through_verify_lookup(settings, kavenegar):
    settings.SMS_BACKENDS = ["kavenegar"]
    message = delivered(sms_send_otp(to="09121234567", code="123456"))

    assert message.status == SmsMessage.Status.SENT
    assert message.provider == "kavenegar"
    assert message.template == KAVENEGAR_TEMPLATE
    [received] = kavenegar.app.sent
    assert (received["receptor"], received["token"], received["template"]) == ("09121234567", "123456", "asoud-otp")
    assert message.provider_message_id == str(received["messageid"])


@pytest.mark.django_db
def test_text_goes_through_sms_send_from_the_configured_sender(settings, kavenegar):
    settings.SMS_BACKENDS = ["kavenegar"]
    message = delivered(sms_send(to="09121234567", text="سفارش شما ارسال شد."))

    assert message.status == SmsMessage.Status.SENT
    [received] = kavenegar.app.sent
    assert (received["receptor"], received["message"], received["sender"]) == (
        "09121234567",
        "سفارش شما ارسال شد.",
        "10004346",
    )


@pytest.mark.parametrize(
    ("number", "error_class"),
    [
        ("09990000401", SmsAuthError),  # account disabled
        ("09990000407", SmsAuthError),  # access denied
        ("09990000501", SmsAuthError),  # account may only send tests to its owner
        ("09990000418", SmsCreditError),  # not enough credit
        ("09990000411", SmsInvalidRequestError),  # invalid receptor
        ("09990000424", SmsInvalidRequestError),  # template not found
        ("09990000431", SmsInvalidRequestError),  # invalid code structure
        ("09990000409", SmsServerError),  # server cannot answer, try later
        ("09990000451", SmsServerError),  # too many calls
        ("09990000503", SmsServerError),  # any other 5xx
        ("09990000500", SmsServerError),  # a gateway's HTML error page
    ],
)
def test_documented_statuses_map_to_error_classes(kavenegar, number, error_class):
    with pytest.raises(error_class) as raised:
        KavenegarBackend().send(otp_to(number))
    assert raised.value.retryable is error_class.retryable
    assert str(raised.value).startswith("kavenegar: ")


def test_wrong_api_key_is_an_auth_error(settings, kavenegar):
    settings.KAVENEGAR_API_KEY = "not the key"
    with pytest.raises(SmsAuthError, match="API-Key") as raised:
        KavenegarBackend().send(otp_to("09121234567"))
    assert raised.value.status == 403


def test_unknown_template_is_an_invalid_request(settings, kavenegar):
    settings.KAVENEGAR_OTP_TEMPLATE = "no-such-template"
    with pytest.raises(SmsInvalidRequestError) as raised:
        KavenegarBackend().send(otp_to("09121234567"))
    assert raised.value.status == 424


def test_unknown_sender_line_is_an_invalid_request(settings, kavenegar):
    settings.KAVENEGAR_SENDER = "30001"
    with pytest.raises(SmsInvalidRequestError) as raised:
        KavenegarBackend().send(OutgoingSms(id=1, to="+989121234567", kind="text", text="Hi"))
    assert raised.value.status == 412


def test_unreachable_provider_is_a_network_error(settings, closed_port_url):
    settings.KAVENEGAR_BASE_URL = closed_port_url
    settings.KAVENEGAR_API_KEY = "key"
    with pytest.raises(SmsNetworkError):
        KavenegarBackend().send(otp_to("09121234567"))


@pytest.mark.django_db
def test_credit_errors_fail_the_row_without_retrying(settings, kavenegar):
    settings.SMS_BACKENDS = ["kavenegar"]
    message = delivered(sms_send_otp(to="09990000418", code="123456"))

    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == 1
    assert message.error == "[credit] kavenegar: اعتبار شما کافی نمی‌باشد (status 418)"
