"""The notification centre and the settings page on the platform host."""

import re

import pytest
from django.test import Client

from asoud.core.testing import english
from asoud.notifications.events import ALWAYS_ON, Category, Channel
from asoud.notifications.models import Notification, Preference, RecipientSettings
from asoud.notifications.selectors import enabled_channels, notification_unread_count
from asoud.notifications.services import notify
from asoud.notifications.tasks import deliver

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = UserFactory(email="sara@example.com")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return user, client


def shown(user, event: str, context: dict, **kwargs) -> Notification:
    notification = notify(user_id=user.pk, event=event, context=context, **kwargs)
    deliver(notification.deliveries.get(channel="in_app").pk)
    return notification


def test_the_centre_lists_shown_notifications_in_the_readers_language(person, market_alpha):
    user, client = person
    shown(user, "ticket_answered", {"ticket_id": 7, "subject": "Refund", "url": "http://localhost/support/7/"})
    shown(user, "low_stock", {"product_title": "Saffron tin", "stock": 2}, market_id=market_alpha.pk)

    page = english(client).get("/notifications/")
    assert page.status_code == 200
    assert "Your support ticket #7 “Refund” has a new answer." in page.text
    assert "Saffron tin is running low at Alpha Shop: 2 left." in re.sub("[\u2066-\u2069]", "", page.text)
    assert 'data-testid="notification-bell"' in page.text and 'data-count="2"' in page.text

    fragment = english(client).get("/notifications/?page=1", HTTP_HX_REQUEST="true")
    assert fragment.text.lstrip().startswith('<div id="notification-list"') and "<html" not in fragment.text


def test_opening_a_notification_reads_it_and_follows_its_link(person):
    user, client = person
    notification = shown(
        user, "ticket_answered", {"ticket_id": 7, "subject": "Refund", "url": "http://localhost/support/7/"}
    )
    response = client.get(f"/notifications/{notification.pk}/")
    assert response.status_code == 302 and response["Location"] == "http://localhost/support/7/"
    assert notification_unread_count(user_id=user.pk) == 0

    elsewhere = shown(user, "ticket_answered", {"ticket_id": 8, "subject": "x", "url": "https://evil.example/phish"})
    response = client.get(f"/notifications/{elsewhere.pk}/")
    assert response["Location"] == "/notifications/"  # never an open redirect
    assert Client(HTTP_HOST="localhost").get(f"/notifications/{elsewhere.pk}/").status_code == 302  # sign in first
    other = Client(HTTP_HOST="localhost")
    other.force_login(UserFactory())
    assert other.get(f"/notifications/{elsewhere.pk}/").status_code == 404


def test_mark_all_as_read_with_and_without_htmx(person):
    user, client = person
    for ticket in (1, 2):
        shown(user, "ticket_answered", {"ticket_id": ticket, "subject": "s", "url": ""})
    fragment = client.post("/notifications/read-all/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and 'id="notification-list"' in fragment.text and "<html" not in fragment.text
    assert notification_unread_count(user_id=user.pk) == 0
    shown(user, "ticket_answered", {"ticket_id": 3, "subject": "s", "url": ""})
    response = client.post("/notifications/read-all/")
    assert response.status_code == 302 and notification_unread_count(user_id=user.pk) == 0


def test_settings_page_saves_choices_per_category_and_channel(person):
    user, client = person
    page = english(client).get("/notifications/settings/")
    assert page.status_code == 200
    assert 'name="orders__sms"' in page.text and 'name="inventory__sms"' not in page.text  # stock never goes by SMS
    response = client.post(
        "/notifications/settings/", {"orders__in_app": "on", "messages__email": "on", "language": "en"}
    )
    assert response.status_code == 302
    assert enabled_channels(user_id=user.pk, category="orders") == {"in_app"}
    assert enabled_channels(user_id=user.pk, category="messages") == {"email"}
    assert enabled_channels(user_id=user.pk, category="support") == set()
    assert RecipientSettings.objects.get(user=user).language == "en"
    switchable = [category for category in Category if category not in ALWAYS_ON]
    assert Preference.objects.filter(user=user).count() == len(switchable) * len(Channel)  # every choice saved
    assert 'name="orders__sms" id="pref-orders__sms" aria-label' in client.get("/notifications/settings/").text


def test_pages_need_a_signed_in_person():
    response = Client(HTTP_HOST="localhost").get("/notifications/settings/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
