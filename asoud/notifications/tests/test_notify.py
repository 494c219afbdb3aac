"""`notify`: the events registry, preferences, channels, priority, scheduling, grouping and delivery."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from asoud.notifications.events import EVENTS, Priority, UnknownEvent
from asoud.notifications.models import Delivery, Notification, Preference
from asoud.notifications.selectors import notification_unread_count
from asoud.notifications.services import delivery_requeue_stale, delivery_send, notify
from asoud.notifications.tasks import deliver
from asoud.sms.models import SmsMessage

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ORDER = {
    "order_number": "1024",
    "total": 12_500_000,
    "customer_name": "Sara",
    "url": "http://alpha.localhost/orders/1024/",
}


def test_every_channel_the_person_wants_gets_a_queued_delivery(market_alpha):
    user = UserFactory(email="sara@example.com")
    notification = notify(user_id=user.pk, event="order_paid_shopper", context=ORDER, market_id=market_alpha.pk)
    assert notification.category == "orders" and notification.context["market_name"] == "Alpha Shop"
    assert notification.priority == Priority.HIGH  # payments go first
    rows = {d.channel: (d.status, d.recipient) for d in notification.deliveries.all()}
    assert rows == {"in_app": ("queued", ""), "sms": ("queued", user.mobile), "email": ("queued", "sara@example.com")}


def test_preferences_are_respected():
    user = UserFactory(email="sara@example.com")
    Preference.objects.create(user=user, category="support", channel="in_app", enabled=False)
    Preference.objects.create(user=user, category="support", channel="sms", enabled=True)
    context = {"ticket_id": 5, "subject": "Refund", "url": "http://localhost/support/5/"}
    notification = notify(user_id=user.pk, event="ticket_answered", context=context)
    # in-app switched off, SMS switched on (off by default for support), email on by default.
    assert sorted(notification.deliveries.values_list("channel", flat=True)) == ["email", "sms"]

    for channel in ("sms", "email"):
        Preference.objects.create(user=user, category="wallet", channel=channel, enabled=False)
    Preference.objects.create(user=user, category="wallet", channel="in_app", enabled=False)
    assert notify(user_id=user.pk, event="withdrawal_approved", context={"amount": 10_000}) is None


def test_channels_an_event_does_not_use_or_a_person_cannot_receive_are_skipped(market_alpha):
    user = UserFactory(email="")
    notification = notify(
        user_id=user.pk, event="low_stock", context={"product_title": "Saffron", "stock": 2}, market_id=market_alpha.pk
    )
    assert list(notification.deliveries.values_list("channel", flat=True)) == [
        "in_app"
    ]  # no SMS for stock; no email address
    assert notification.priority == Priority.LOW


def test_mistakes_by_callers_fail_loudly():
    user = UserFactory()
    with pytest.raises(UnknownEvent):
        notify(user_id=user.pk, event="order_teleported", context={})
    with pytest.raises(ValueError, match="lacks total"):
        notify(user_id=user.pk, event="order_placed_shopper", context={"order_number": "1"}, market_id=1)
    with pytest.raises(ValueError, match="needs market_id"):
        notify(user_id=user.pk, event="order_placed_shopper", context={"order_number": "1", "total": 1})
    with pytest.raises(TypeError):
        notify(user_id=user.pk, event="withdrawal_approved", context={"amount": object()})


def test_in_app_delivery_shows_it_and_counts_it_unread(market_alpha):
    user = UserFactory()
    notification = notify(user_id=user.pk, event="market_verified", context={}, market_id=market_alpha.pk)
    assert notification_unread_count(user_id=user.pk) == 0  # queued, not shown yet
    in_app = notification.deliveries.get(channel="in_app")
    assert deliver(in_app.pk) == "sent"
    assert notification_unread_count(user_id=user.pk) == 1
    assert deliver(in_app.pk) == "skipped"  # a repeated task never sends twice


def test_sms_goes_through_the_sms_service_with_the_events_priority(market_alpha):
    user = UserFactory()
    notification = notify(user_id=user.pk, event="order_paid_shopper", context=ORDER, market_id=market_alpha.pk)
    sms = delivery_send(delivery_id=notification.deliveries.get(channel="sms").pk, can_retry=True)
    message = SmsMessage.objects.get(pk=sms.sms_message_id)
    assert message.recipient == user.mobile and message.priority == SmsMessage.Priority.HIGH
    assert "۱۰۲۴" in message.text and "۱٬۲۵۰٬۰۰۰ تومان" in message.text  # Persian by default


def test_email_uses_the_recipients_language_and_retries_while_the_server_is_down(market_alpha, settings, mailoutbox):
    from asoud.notifications.models import RecipientSettings

    user = UserFactory(email="sara@example.com")
    RecipientSettings.objects.create(user=user, language="en")
    notification = notify(
        user_id=user.pk,
        event="order_shipped_shopper",
        context={**ORDER, "tracking_code": "TRK-9"},
        market_id=market_alpha.pk,
    )
    email = notification.deliveries.get(channel="email")

    settings.EMAIL_BACKEND = "asoud.notifications.tests.backends.UnreachableSmtpBackend"
    assert delivery_send(delivery_id=email.pk, can_retry=True).status == Delivery.Status.QUEUED
    email.refresh_from_db()
    assert email.attempts == 1 and "Service not available" in email.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery_send(delivery_id=email.pk, can_retry=True).status == Delivery.Status.SENT
    # Order numbers and names are bidi isolates (invisible): compare the text without them.
    subject, body = (re.sub("[\u2066-\u2069]", "", text) for text in (mailoutbox[0].subject, mailoutbox[0].body))
    assert subject == "Order 1024 shipped"
    assert "Your order 1024 from Alpha Shop is on its way. Tracking code: TRK-9" in body
    assert "http://alpha.localhost/orders/1024/" in mailoutbox[0].body


def test_an_email_that_keeps_failing_ends_failed(market_alpha, settings):
    settings.EMAIL_BACKEND = "asoud.notifications.tests.backends.UnreachableSmtpBackend"
    user = UserFactory(email="sara@example.com")
    notification = notify(
        user_id=user.pk, event="market_rejected", context={"reason": "Blurry licence"}, market_id=market_alpha.pk
    )
    email = notification.deliveries.get(channel="email")
    assert delivery_send(delivery_id=email.pk, can_retry=False).status == Delivery.Status.FAILED


def test_scheduled_notifications_wait_for_their_time(market_alpha):
    user = UserFactory()
    later = timezone.now() + timedelta(hours=2)
    notification = notify(
        user_id=user.pk, event="market_verified", context={}, market_id=market_alpha.pk, send_at=later
    )
    in_app = notification.deliveries.get(channel="in_app")
    assert delivery_send(delivery_id=in_app.pk, can_retry=True) is None  # not due: nothing happens
    assert Delivery.objects.get(pk=in_app.pk).status == "queued"

    Notification.objects.filter(pk=notification.pk).update(send_at=timezone.now() - timedelta(seconds=1))
    assert delivery_send(delivery_id=in_app.pk, can_retry=True).status == "sent"


def test_lost_tasks_are_queued_again_once_due(market_alpha, settings):
    user = UserFactory()
    notification = notify(user_id=user.pk, event="market_verified", context={}, market_id=market_alpha.pk)
    stale = timezone.now() - timedelta(seconds=settings.NOTIFICATIONS_STALE_AFTER + 60)
    Delivery.objects.filter(notification=notification).update(updated_at=stale)
    assert sorted(delivery_requeue_stale()) == sorted(notification.deliveries.values_list("pk", flat=True))


def test_chat_messages_are_grouped_into_one_unread_notification(market_alpha):
    user = UserFactory()
    context = {"sender_name": "Alpha Shop", "excerpt": "first", "url": "http://alpha.localhost/chat/1/"}
    first = notify(
        user_id=user.pk, event="chat_message", context=context, market_id=market_alpha.pk, group_key="chat:1"
    )
    again = notify(
        user_id=user.pk,
        event="chat_message",
        context={**context, "excerpt": "second"},
        market_id=market_alpha.pk,
        group_key="chat:1",
    )
    assert again.pk == first.pk and again.count == 2 and again.context["excerpt"] == "second"
    assert Notification.objects.filter(user=user).count() == 1


def test_every_registered_event_has_its_templates():
    from asoud.notifications.rendering import text_engine

    for event in EVENTS.values():
        parts = {"in_app": ["in_app"], "sms": ["sms"], "email": ["email_subject", "email"]}
        for channel in event.channels:
            for part in parts[channel]:
                text_engine().get_template(f"notifications/{event.name}/{part}.txt")
