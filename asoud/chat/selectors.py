from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from asoud.core.formatting import digits

from .models import Conversation, Message, Participant, Side


def market_team_user_ids(*, market) -> set[int]:
    """Who speaks for a market in its conversations: its owner, and the members of its team whose
    role reaches the chat (the team lives in the market's own schema, a layer above: asked through
    the hook settings.CHAT_MARKET_TEAM_USER_IDS)."""
    members = import_string(settings.CHAT_MARKET_TEAM_USER_IDS)(market=market)
    return members | ({market.owner_id} if market.owner_id else set())


def shopper_display_name(user) -> str:
    """A shopper as the market's team sees them: their name, else a masked number (…4567)."""
    if user.name:
        return user.name
    return gettext("Shopper …%(last_digits)s") % {"last_digits": digits(user.mobile[-4:])}


def access_conversation(*, user, conversation_id: int, market) -> Participant:
    """The viewer's place in a conversation of *this* market. Anyone else, and any id from another
    market, gets a 404 (whether the conversation exists is nobody else's business)."""
    if not user.is_authenticated:
        raise Http404
    participant = (
        Participant.objects.select_related("user", "conversation__market", "conversation__shopper")
        .filter(conversation_id=conversation_id, conversation__market_id=market.pk, user_id=user.pk)
        .first()
    )
    if participant is None:
        raise Http404
    if participant.side == Side.MARKET and user.pk not in market_team_user_ids(market=market):
        raise Http404  # no longer on the market's team
    return participant


def conversation_for_shopper(*, market, user) -> Conversation | None:
    return Conversation.objects.filter(market_id=market.pk, shopper_id=user.pk).first()


def _with_unread(conversations: QuerySet[Conversation], *, user, side: str) -> QuerySet[Conversation]:
    """Each conversation with `unread` (messages from the other side this person has not read) and
    `last_text` (the newest message, for the list)."""
    last_read = Participant.objects.filter(conversation=OuterRef("pk"), user_id=user.pk).values("last_read_message_id")[
        :1
    ]
    newest = Message.objects.filter(conversation=OuterRef("pk")).order_by("-id")
    return conversations.annotate(
        my_last_read=Coalesce(Subquery(last_read), Value(0)),
        last_text=Subquery(newest.values("text")[:1]),
        last_attachment=Subquery(newest.values("attachment_name")[:1]),
    ).annotate(unread=Count("messages", filter=~Q(messages__sender_side=side) & Q(messages__id__gt=F("my_last_read"))))


def inbox_list(*, market, user) -> QuerySet[Conversation]:
    """The market's conversations that have messages, most recent first, with unread counts."""
    conversations = Conversation.objects.filter(market_id=market.pk, last_message_at__isnull=False).select_related(
        "shopper"
    )
    return _with_unread(conversations, user=user, side=Side.MARKET).order_by("-last_message_at", "-id")


def inbox_row(*, market, user, conversation_id: int) -> Conversation | None:
    return inbox_list(market=market, user=user).filter(pk=conversation_id).first()


def shopper_conversation_list(*, market, user) -> QuerySet[Conversation]:
    conversations = Conversation.objects.filter(market_id=market.pk, shopper_id=user.pk).select_related("market")
    return _with_unread(conversations, user=user, side=Side.SHOPPER).order_by("-last_message_at", "-id")


def shopper_conversation_list_all(*, user) -> QuerySet[Conversation]:
    """The shopper's conversations with every market (those with messages), most recent first."""
    conversations = Conversation.objects.filter(shopper_id=user.pk, last_message_at__isnull=False)
    conversations = conversations.select_related("market", "shopper")
    return _with_unread(conversations, user=user, side=Side.SHOPPER).order_by("-last_message_at", "-id")


def unread_count(*, participant: Participant) -> int:
    return (
        Message.objects.filter(conversation_id=participant.conversation_id, id__gt=participant.last_read_message_id)
        .exclude(sender_side=participant.side)
        .count()
    )


def market_unread_total(*, market, user) -> int:
    """Unread messages across the market's inbox, for this team member."""
    return sum(conversation.unread for conversation in inbox_list(market=market, user=user))


@dataclass(frozen=True)
class MessagePage:
    messages: list[Message]
    has_older: bool

    @property
    def oldest_id(self) -> int | None:
        return self.messages[0].pk if self.messages else None


def message_page(*, conversation_id: int, before: int | None = None, size: int | None = None) -> MessagePage:
    """A page of history, oldest first: the latest messages, or those older than message `before`."""
    size = size or settings.CHAT_PAGE_SIZE
    messages = Message.objects.filter(conversation_id=conversation_id).select_related("sender")
    if before:
        messages = messages.filter(pk__lt=before)
    newest_first = list(messages.order_by("-id")[: size + 1])
    return MessagePage(messages=newest_first[:size][::-1], has_older=len(newest_first) > size)


def message_get(*, message_id: int) -> Message | None:
    return Message.objects.select_related("sender", "conversation").filter(pk=message_id).first()


def message_with_attachment(*, participant: Participant, message_id: int) -> Message:
    message = Message.objects.filter(pk=message_id, conversation_id=participant.conversation_id).first()
    if message is None or not message.attachment:
        raise Http404
    return message


def messages_by_id(*, conversation_id: int, ids: list[int]) -> list[Message]:
    return list(Message.objects.filter(conversation_id=conversation_id, pk__in=ids).order_by("id"))


def participants_on_side(*, conversation_id: int, side: str) -> QuerySet[Participant]:
    return Participant.objects.filter(conversation_id=conversation_id, side=side).select_related("user")
