"""Provider stand-ins on real local HTTP servers, with the settings pointing the backends at them."""

import socket

import pytest

from asoud.sms.standins import StandinServer
from asoud.sms.standins.kavenegar import KavenegarStandin
from asoud.sms.standins.smsir import SmsIrStandin

SMSIR_KEY = "test-smsir-key"
SMSIR_LINE = 30004505000017
SMSIR_TEMPLATE = 100200
KAVENEGAR_KEY = "test-kavenegar-key"
KAVENEGAR_TEMPLATE = "asoud-otp"


@pytest.fixture(autouse=True)
def _sms_settings(settings):
    """Fast, predictable delivery settings; each test names its own SMS_BACKENDS."""
    settings.SMS_BACKENDS = ["outbox"]
    settings.SMS_TIMEOUT = 2.0
    settings.SMS_MAX_RETRIES = 2
    settings.SMS_RETRY_BACKOFF = 0.01
    settings.SMS_RETRY_BACKOFF_MAX = 0.01


@pytest.fixture
def smsir(settings):
    """A running SMS.ir stand-in; settings point the smsir backend at it. Its `.app.sent` is its outbox."""
    app = SmsIrStandin(api_key=SMSIR_KEY, line_number=SMSIR_LINE, templates={SMSIR_TEMPLATE: ["Code"]}, slow_seconds=1)
    with StandinServer(app) as server:
        settings.SMSIR_BASE_URL = server.url
        settings.SMSIR_API_KEY = SMSIR_KEY
        settings.SMSIR_LINE_NUMBER = SMSIR_LINE
        settings.SMSIR_OTP_TEMPLATE_ID = SMSIR_TEMPLATE
        settings.SMSIR_OTP_PARAMETER = "Code"
        yield server


@pytest.fixture
def kavenegar(settings):
    """A running Kavenegar stand-in; settings point the kavenegar backend at it."""
    app = KavenegarStandin(api_key=KAVENEGAR_KEY, templates={KAVENEGAR_TEMPLATE}, senders={"10004346"}, slow_seconds=1)
    with StandinServer(app) as server:
        settings.KAVENEGAR_BASE_URL = server.url
        settings.KAVENEGAR_API_KEY = KAVENEGAR_KEY
        settings.KAVENEGAR_OTP_TEMPLATE = KAVENEGAR_TEMPLATE
        settings.KAVENEGAR_SENDER = "10004346"
        yield server


@pytest.fixture
def closed_port_url() -> str:
    """An address where nothing listens: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
