from django.core.checks import run_checks


def sms_errors() -> list[str]:
    return [message.id for message in run_checks() if message.id and message.id.startswith("sms.")]


def test_the_default_outbox_needs_no_settings(settings):
    settings.SMS_BACKENDS = ["outbox"]
    assert sms_errors() == []


def test_a_provider_without_its_key_is_reported(settings):
    settings.SMS_BACKENDS = ["kavenegar", "outbox"]
    settings.KAVENEGAR_API_KEY = ""
    assert sms_errors() == ["sms.E002"]


def test_an_unknown_or_empty_backend_list_is_reported(settings):
    settings.SMS_BACKENDS = ["no.such.Backend"]
    assert sms_errors() == ["sms.E001"]
    settings.SMS_BACKENDS = []
    assert sms_errors() == ["sms.E001"]
