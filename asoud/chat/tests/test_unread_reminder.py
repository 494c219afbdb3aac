"""A message still unread CHAT_UNREAD_NOTIFY_AFTER after it was sent reaches its recipient by SMS
and/or email, as their preferences say; once per run of unread messages."""

import time

import pytest

from asoud.chat.selectors import access_conversation
from asoud.chat.services import conversation_mark_read, conversation_start, message_send
from asoud.chat.tasks import message_unread_check
from asoud.notifications.models import Delivery, Notification, Preference
from asoud.notifications.tasks import deliver
from asoud.sms.models import SmsMessage
from tenants.models import Market


def _send(market, shopper, text: str):
    conversation = conversation_start(market=market, shopper=shopper)
    participant = access_conversation(user=shopper, conversation_id=conversation.pk, market=market)
    return message_send(participant=participant, text=text)


def _unread_alerts(user):
    return Notification.objects.filter(user=user, event="chat_message_unread")


@pytest.mark.django_db
def test_an_unread_message_is_sent_to_the_owner_by_sms_and_email(market_alpha, shopper, owner, mailoutbox):
    owner.email = "owner@alpha.example"
    owner.save(update_fields=["email"])
    message = _send(market_alpha, shopper, "Can you deliver by Friday?")

    assert message_unread_check(message.pk) == 1
    alert = _unread_alerts(owner).get()
    assert alert.context["sender_name"] == "Sara Rahimi" and alert.context["excerpt"] == "Can you deliver by Friday?"
    assert alert.context["url"].endswith(f"/dashboard/inbox/{message.conversation_id}/")
    deliveries = {d.channel: d for d in alert.deliveries.all()}
    assert set(deliveries) == {"sms", "email"}

    for delivery in deliveries.values():
        assert deliver(delivery.pk) == "sent"
    sms = SmsMessage.objects.get(pk=Delivery.objects.get(pk=deliveries["sms"].pk).sms_message_id)
    assert sms.recipient == owner.mobile and "Sara Rahimi" in sms.text and "Can you deliver by Friday?" in sms.text
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["owner@alpha.example"]
    assert "Can you deliver by Friday?" in mailoutbox[0].body

    # More unread messages in the same run: no second reminder.
    second = _send(market_alpha, shopper, "Hello?")
    assert message_unread_check(second.pk) == 0


@pytest.mark.django_db
def test_a_message_read_in_time_sends_nothing_and_a_new_run_reminds_again(market_alpha, shopper, owner):
    message = _send(market_alpha, shopper, "First question")
    owner_participant = access_conversation(user=owner, conversation_id=message.conversation_id, market=market_alpha)
    conversation_mark_read(participant=owner_participant)
    assert message_unread_check(message.pk) == 0
    assert not _unread_alerts(owner).exists()

    later = _send(market_alpha, shopper, "Another question")
    assert message_unread_check(later.pk) == 1
    conversation_mark_read(participant=owner_participant)
    after_reading = _send(market_alpha, shopper, "And one more")
    assert message_unread_check(after_reading.pk) == 1
    assert _unread_alerts(owner).count() == 2


@pytest.mark.django_db
def test_the_reminder_follows_the_recipients_preferences(market_alpha, shopper, owner):
    Preference.objects.create(user=owner, category="messages", channel="sms", enabled=False)
    message = _send(market_alpha, shopper, "Quiet please")
    message_unread_check(message.pk)
    assert not _unread_alerts(owner).exists()  # SMS off, and no email address: nothing to send

    owner.email = "owner@alpha.example"
    owner.save(update_fields=["email"])
    Preference.objects.filter(user=owner).delete()
    Preference.objects.create(user=owner, category="messages", channel="email", enabled=False)
    shopper_participant = access_conversation(
        user=shopper, conversation_id=message.conversation_id, market=market_alpha
    )
    owner_participant = access_conversation(user=owner, conversation_id=message.conversation_id, market=market_alpha)
    conversation_mark_read(participant=owner_participant)
    again = message_send(participant=shopper_participant, text="Now by SMS")
    message_unread_check(again.pk)
    assert list(_unread_alerts(owner).get().deliveries.values_list("channel", flat=True)) == ["sms"]


@pytest.mark.django_db
def test_the_shopper_is_reminded_of_an_unread_answer_with_a_link_to_the_store(market_alpha, shopper, owner):
    message = _send(market_alpha, shopper, "Hi")
    owner_participant = access_conversation(user=owner, conversation_id=message.conversation_id, market=market_alpha)
    answer = message_send(participant=owner_participant, text="Hello! Yes we can.")
    assert message_unread_check(answer.pk) == 1
    alert = _unread_alerts(shopper).get()
    assert alert.context["sender_name"] == "Alpha Shop"
    assert alert.context["url"] == f"http://alpha.localhost:8000/chat/{message.conversation_id}/"


def test_the_real_worker_sends_the_reminder(live, celery_worker_process, settings):
    """Through Celery: the delayed check, the notification delivery and the SMS outbox."""
    settings.CHAT_UNREAD_NOTIFY_AFTER = 1
    market = Market.objects.select_related("owner").get(slug="alpha")
    shopper = live.user(name="Worker Test")
    message = _send(market, shopper, "Anyone there?")

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        sms = Delivery.objects.filter(
            notification__user=market.owner,
            notification__event="chat_message_unread",
            notification__context__conversation_id=message.conversation_id,
            channel="sms",
            status="sent",
        ).first()
        if sms is not None:
            break
        time.sleep(0.5)
    else:
        raise AssertionError("the worker did not send the unread-message SMS within 60 s")
    assert "Anyone there?" in SmsMessage.objects.get(pk=sms.sms_message_id).text
