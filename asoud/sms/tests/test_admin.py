import pytest
from django.urls import reverse as django_reverse

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.core.testing import english
from asoud.sms.models import SmsMessage

from .factories import OtpMessageFactory, SmsMessageFactory


@pytest.fixture
def staff_client(client, db):
    admin = User.objects.create_superuser(mobile="09120009999", password="not-used-in-tests-1")
    sign_in_staff(client, admin)  # staff must have passed a second factor
    client.defaults["HTTP_HOST"] = "localhost"
    english(client)
    return client


def reverse(name: str, args=None) -> str:
    return django_reverse(name, args=args, urlconf="asoud.urls_public")  # the admin is on the platform host


CHANGELIST = reverse("admin:sms_smsmessage_changelist")


@pytest.mark.django_db
def test_changelist_filters_by_status_provider_and_kind(staff_client):
    SmsMessageFactory(recipient="+989121111111", status=SmsMessage.Status.FAILED, provider="smsir")
    SmsMessageFactory(recipient="+989122222222", provider="kavenegar")
    OtpMessageFactory(recipient="+989123333333")

    page = staff_client.get(CHANGELIST)
    assert page.status_code == 200
    for heading in ("By status", "By provider", "By kind"):
        assert heading in page.text

    failed = staff_client.get(CHANGELIST, {"status__exact": "failed"}).text
    assert "+989121111111" in failed and "+989122222222" not in failed
    otps = staff_client.get(CHANGELIST, {"kind__exact": "otp"}).text
    assert "+989123333333" in otps and "+989121111111" not in otps


@pytest.mark.django_db
def test_search_finds_a_number_as_people_type_it(staff_client):
    SmsMessageFactory(recipient="+989121234567")
    SmsMessageFactory(recipient="+989350000000")
    page = staff_client.get(CHANGELIST, {"q": "0912 123 4567"}).text
    assert "+989121234567" in page
    assert "+989350000000" not in page


@pytest.mark.django_db
def test_retry_action_queues_failed_messages_again_and_skips_others(staff_client):
    failed = SmsMessageFactory(status=SmsMessage.Status.FAILED, error="[network] smsir: down")
    sent = SmsMessageFactory(status=SmsMessage.Status.SENT)

    response = staff_client.post(
        CHANGELIST, {"action": "retry_failed", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )

    assert "1 message queued again." in response.text
    assert "1 message was skipped" in response.text
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.status == SmsMessage.Status.QUEUED
    assert sent.status == SmsMessage.Status.SENT


@pytest.mark.django_db
def test_messages_are_records_staff_cannot_add_or_edit(staff_client):
    message = SmsMessageFactory()
    assert staff_client.get(reverse("admin:sms_smsmessage_add")).status_code == 403
    page = staff_client.get(reverse("admin:sms_smsmessage_change", args=[message.pk]))
    assert page.status_code == 200
    assert message.text in page.text
    assert 'name="_save"' not in page.text
