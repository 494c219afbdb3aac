"""Writes of the chat. Live updates (channel layer), notifications and the delayed "still unread"
check all happen after commit."""

import logging
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from asoud.core.uploads import display_name, document_clean
from asoud.notifications.links import market_link
from asoud.notifications.services import NOTIFICATIONS_QUEUE, notification_mark_read_by_group, notify

from . import realtime
from .models import Conversation, Message, Participant, Side
from .selectors import market_team_user_ids, shopper_display_name

logger = logging.getLogger(__name__)


def notification_group_key(conversation_id: int) -> str:
    return f"chat:{conversation_id}"


@transaction.atomic
def conversation_start(*, market, shopper) -> Conversation:
    """The shopper's conversation with the market (created once), with the market's team in it."""
    team = market_team_user_ids(market=market)
    if shopper.pk in team:
        raise ValidationError(
            _("This is your own market: its messages are in your dashboard inbox."), code="own_market"
        )
    conversation, _created = Conversation.objects.get_or_create(market=market, shopper=shopper)
    Participant.objects.get_or_create(conversation=conversation, user=shopper, defaults={"side": Side.SHOPPER})
    for user_id in team:
        Participant.objects.get_or_create(conversation=conversation, user_id=user_id, defaults={"side": Side.MARKET})
    return conversation


@transaction.atomic
def message_send(*, participant: Participant, text: str = "", attachment=None, card: dict | None = None) -> Message:
    """Post a message (text and/or one image or PDF) as `participant`. Replying reads the thread."""
    text = (text or "").strip()
    if not text and not attachment:
        raise ValidationError(_("Write a message or attach a file."), code="empty")
    if len(text) > settings.CHAT_MAX_TEXT_LENGTH:
        raise ValidationError(
            _("A message can be at most %(limit)s characters long."),
            code="too_long",
            params={"limit": settings.CHAT_MAX_TEXT_LENGTH},
        )
    clean = document_clean(attachment) if attachment else None
    conversation_mark_read(participant=participant)
    conversation = Conversation.objects.select_for_update().select_related("market").get(pk=participant.conversation_id)
    message = Message(
        conversation=conversation,
        sender_id=participant.user_id,
        sender_side=participant.side,
        text=text,
        card=card or {},
    )
    if clean is not None:
        message.attachment = clean.file
        message.attachment_kind = clean.kind
        message.attachment_name = display_name(getattr(attachment, "name", ""), clean.extension)
        message.attachment_size = clean.file.size
    message.save()
    _conversation_touch(conversation, message=message)
    if participant.side == Side.SHOPPER:
        _team_join(conversation)
    Participant.objects.filter(pk=participant.pk).update(last_read_message_id=message.pk, last_read_at=timezone.now())

    schema = conversation.market.schema_name
    transaction.on_commit(
        partial(
            realtime.message_broadcast,
            schema_name=schema,
            message_id=message.pk,
            conversation_id=conversation.pk,
            sender_side=message.sender_side,
        )
    )
    _notify_other_side(message=message, conversation=conversation)
    transaction.on_commit(partial(_schedule_unread_check, message.pk))
    return message


def _team_join(conversation: Conversation) -> None:
    """Whoever is on the market's team now takes part (members join and leave over time)."""
    for user_id in market_team_user_ids(market=conversation.market):
        Participant.objects.get_or_create(conversation=conversation, user_id=user_id, defaults={"side": Side.MARKET})


def _conversation_touch(conversation: Conversation, *, message: Message) -> None:
    conversation.last_message_at = message.created_at
    update = ["last_message_at"]
    if message.card:
        conversation.subject = message.card
        conversation.product_id = message.card["id"] if message.card.get("kind") == "product" else None
        conversation.order_id = message.card["id"] if message.card.get("kind") == "order" else None
        update += ["subject", "product_id", "order_id"]
    conversation.save(update_fields=update)


def message_excerpt(message: Message) -> str:
    if message.text:
        return message.text if len(message.text) <= 80 else message.text[:79] + "…"
    return f"📎 {message.attachment_name}"


def sender_name(message: Message, conversation: Conversation) -> str:
    if message.sender_side == Side.MARKET:
        return conversation.market.name
    return shopper_display_name(conversation.shopper)


def conversation_link(*, conversation: Conversation, side: str) -> str:
    """Where a participant on `side` reads the conversation (absolute: it goes into SMS and email)."""
    name = "chat:conversation" if side == Side.SHOPPER else "dashboard:inbox_conversation"
    path = reverse(name, kwargs={"conversation_id": conversation.pk}, urlconf=settings.ROOT_URLCONF)
    return market_link(market_id=conversation.market_id, path=path)


def _notice_context(*, message: Message, conversation: Conversation, side: str) -> dict:
    """What a bell entry about a message shows to someone on `side` (their link to the conversation)."""
    return {
        "conversation_id": conversation.pk,
        "sender_name": sender_name(message, conversation),
        "excerpt": message_excerpt(message),
        "url": conversation_link(conversation=conversation, side=side),
    }


def _notify_other_side(*, message: Message, conversation: Conversation) -> None:
    """A new message shows on the bell of everyone on the other side (one entry per conversation)."""
    team = market_team_user_ids(market=conversation.market)
    for recipient in Participant.objects.filter(conversation=conversation).exclude(side=message.sender_side):
        if recipient.side == Side.MARKET and recipient.user_id not in team:
            continue
        notify(
            user_id=recipient.user_id,
            event="chat_message",
            context=_notice_context(message=message, conversation=conversation, side=recipient.side),
            market_id=conversation.market_id,
            group_key=notification_group_key(conversation.pk),
        )


def _schedule_unread_check(message_id: int) -> None:
    try:
        # By name: the task module imports this one (tasks call services, never the other way).
        current_app.send_task(
            "chat.message_unread_check",
            args=[message_id],
            countdown=settings.CHAT_UNREAD_NOTIFY_AFTER,
            queue=NOTIFICATIONS_QUEUE,
            headers={"_schema_name": get_public_schema_name()},
        )
    except Exception:  # the broker is down: the message is still there, only the reminder is lost
        logger.exception("Unread check for chat message %s could not be queued", message_id)


@transaction.atomic
def conversation_mark_read(*, participant: Participant) -> list[int]:
    """Everything in the conversation is read by `participant`; the other side sees the receipts."""
    participant = Participant.objects.select_for_update().select_related("conversation__market").get(pk=participant.pk)
    conversation = participant.conversation
    latest = Message.objects.filter(conversation=conversation).aggregate(latest=Coalesce(Max("id"), 0))["latest"]
    if latest <= participant.last_read_message_id:
        return []
    now = timezone.now()
    incoming = Message.objects.filter(conversation=conversation, id__lte=latest).exclude(sender_side=participant.side)
    read_ids = list(incoming.exclude(status=Message.Status.READ).values_list("pk", flat=True))
    if read_ids:
        Message.objects.filter(pk__in=read_ids, delivered_at__isnull=True).update(delivered_at=now)
        Message.objects.filter(pk__in=read_ids).update(status=Message.Status.READ, read_at=now)
    participant.last_read_message_id = latest
    participant.last_read_at = now
    participant.save(update_fields=["last_read_message_id", "last_read_at"])
    notification_mark_read_by_group(user_id=participant.user_id, group_key=notification_group_key(conversation.pk))
    _receipts_after_commit(conversation, side=_other(participant.side), ids=read_ids, status=Message.Status.READ)
    return read_ids


@transaction.atomic
def messages_mark_delivered(*, participant: Participant, message_ids: list[int] | None = None) -> list[int]:
    """Messages to `participant` reached one of their screens (their socket, or a page listing them)."""
    waiting = Message.objects.filter(conversation_id=participant.conversation_id, status=Message.Status.SENT).exclude(
        sender_side=participant.side
    )
    if message_ids is not None:
        waiting = waiting.filter(pk__in=message_ids)
    # Rows another screen is marking right now are skipped: one receipt per message, not one per screen.
    ids = list(waiting.select_for_update(skip_locked=True).values_list("pk", flat=True))
    if ids:
        Message.objects.filter(pk__in=ids).update(status=Message.Status.DELIVERED, delivered_at=timezone.now())
        conversation = Conversation.objects.select_related("market").get(pk=participant.conversation_id)
        _receipts_after_commit(conversation, side=_other(participant.side), ids=ids, status=Message.Status.DELIVERED)
    return ids


def messages_mark_delivered_for_user(*, market, user) -> None:
    """Opening a chat page delivers everything waiting for this person in this market."""
    for participant in Participant.objects.filter(conversation__market_id=market.pk, user_id=user.pk):
        messages_mark_delivered(participant=participant)


def _receipts_after_commit(conversation: Conversation, *, side: str, ids: list[int], status: str) -> None:
    schema = conversation.market.schema_name
    if ids:
        transaction.on_commit(
            partial(
                realtime.status_broadcast,
                schema_name=schema,
                conversation_id=conversation.pk,
                side=side,
                message_ids=ids,
                status=status,
            )
        )
    transaction.on_commit(partial(realtime.inbox_broadcast, schema_name=schema, conversation_id=conversation.pk))


def _other(side: str) -> str:
    return Side.MARKET if side == Side.SHOPPER else Side.SHOPPER


def message_unread_alert(*, message_id: int) -> int:
    """Run CHAT_UNREAD_NOTIFY_AFTER after a message was sent: if it is still unread, its recipients
    are told by SMS/email (as they prefer), once per run of unread messages. Returns how many."""
    with transaction.atomic():
        message = Message.objects.select_related("conversation__market", "conversation__shopper").filter(pk=message_id)
        message = message.first()
        if message is None or message.status == Message.Status.READ:
            return 0
        conversation = message.conversation
        team = market_team_user_ids(market=conversation.market)
        alerted = 0
        recipients = Participant.objects.select_for_update().filter(conversation=conversation)
        for participant in recipients.exclude(side=message.sender_side):
            if participant.last_read_message_id >= message.pk:
                continue
            if participant.side == Side.MARKET and participant.user_id not in team:
                continue
            already = participant.unread_alert_at and (
                participant.last_read_at is None or participant.unread_alert_at > participant.last_read_at
            )
            if already:
                continue
            notify(
                user_id=participant.user_id,
                event="chat_message_unread",
                context=_notice_context(message=message, conversation=conversation, side=participant.side),
                market_id=conversation.market_id,
            )
            participant.unread_alert_at = timezone.now()
            participant.save(update_fields=["unread_alert_at"])
            alerted += 1
    return alerted


def team_participant_ensure(*, market, user, conversation_id: int) -> Participant:
    """A market team member's place in one of the market's conversations (added on first visit,
    e.g. when the market changed hands). 404 for conversations of other markets."""
    if user.pk not in market_team_user_ids(market=market):
        raise Http404
    conversation = Conversation.objects.filter(pk=conversation_id, market_id=market.pk).first()
    if conversation is None:
        raise Http404
    participant, _created = Participant.objects.get_or_create(
        conversation=conversation, user=user, defaults={"side": Side.MARKET}
    )
    return participant
