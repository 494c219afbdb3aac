import re

import pytest

from asoud.core.testing import english
from asoud.sms.models import SmsMessage

from .factories import OtpMessageFactory, SmsMessageFactory

URL = "/dev/outbox/"


@pytest.fixture
def platform(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.mark.django_db
def test_outbox_shows_the_latest_messages_newest_first_in_the_site_layout(platform):
    SmsMessageFactory(recipient="+989121111111", text="Your order has shipped.")
    OtpMessageFactory(recipient="+989122222222", params={"code": "482913"})

    response = platform.get(URL)

    assert response.status_code == 200
    html = response.text
    assert 'dir="rtl"' in html and "bootstrap.rtl.trim.css" in html  # base.html, Persian by default
    assert "صندوق پیامک‌های خروجی" in html
    assert html.index("+989122222222") < html.index("+989121111111")
    assert "Your order has shipped." in html
    assert re.search(r'class="otp-code[^"]*"[^>]*data-recipient="\+989122222222"[^>]*>482913<', html)


@pytest.mark.django_db
def test_outbox_shows_at_most_fifty_messages(platform):
    SmsMessageFactory.create_batch(55)
    response = platform.get(URL)
    assert response.text.count('class="sms-message"') == 50


@pytest.mark.django_db
def test_outbox_filters_by_recipient_in_any_written_form(platform):
    OtpMessageFactory(recipient="+989121234567", params={"code": "111111"})
    OtpMessageFactory(recipient="+989350000000", params={"code": "222222"})

    response = platform.get(URL, {"to": "0912 123 4567"})

    assert ">111111<" in response.text
    assert ">222222<" not in response.text
    assert response.context["recipient"] == "+989121234567"


@pytest.mark.django_db
def test_outbox_explains_an_invalid_filter_number(platform):
    SmsMessageFactory(recipient="+989121234567")
    response = english(platform).get(URL, {"to": "12"})
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert "Enter a valid Iranian mobile number" in response.text


@pytest.mark.django_db
def test_outbox_htmx_refresh_renders_only_the_list(platform):
    OtpMessageFactory(recipient="+989121234567", params={"code": "333333"})
    response = platform.get(URL, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.strip().startswith('<div id="outbox-list"')
    assert ">333333<" in response.text


@pytest.mark.django_db
def test_outbox_shows_failures_and_their_reason(platform):
    SmsMessageFactory(status=SmsMessage.Status.FAILED, provider="smsir", error="[credit] smsir: اعتبار کافی نمیباشد")
    response = english(platform).get(URL)
    assert "Failed" in response.text
    assert "[credit] smsir: اعتبار کافی نمیباشد" in response.text


@pytest.mark.django_db
def test_outbox_is_empty_politely(platform):
    from asoud.sms.models import SmsMessage

    SmsMessage.objects.all().delete()
    # Real workers of earlier tests may still commit messages: look at a number nobody texts.
    response = english(platform).get(URL + "?to=09990000321")
    assert "No messages yet." in response.text


@pytest.mark.django_db
def test_outbox_does_not_exist_without_dev_tools(platform, settings):
    settings.ASOUD_DEV_TOOLS = False
    OtpMessageFactory()
    response = platform.get(URL)
    assert response.status_code == 404
    assert "otp-code" not in response.text


@pytest.mark.django_db
def test_outbox_is_not_on_market_hosts(alpha_client):
    assert alpha_client.get(URL).status_code == 404
