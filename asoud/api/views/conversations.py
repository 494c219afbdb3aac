"""Chat over REST: a shopper's conversations with markets, and a market team's inbox.

The same chat services as the web pages and the websockets (`conversation_start`, `message_send`,
`conversation_mark_read`), the same look-ups (`access_conversation` for shoppers,
`team_participant_ensure` for the team) and the web composer's `MessageForm` (text length, the
upload checks of `asoud.core.uploads`). Messages sent here reach the open websockets as any other.
"""

from django.db import transaction
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from asoud.chat.forms import MessageForm
from asoud.chat.models import Conversation, Participant, Side
from asoud.chat.selectors import (
    access_conversation,
    message_page,
    message_with_attachment,
    shopper_conversation_list,
    shopper_conversation_list_all,
    shopper_display_name,
)
from asoud.chat.services import conversation_mark_read, conversation_start, message_send
from asoud.core.private_files import private_file_response
from storefront.chat.subjects import product_card

from ..base import ApiView, MarketView, SignedIn, valid_form
from ..docs import errors
from ..fields import MomentField

CHAT = ["chat"]
SHOPPER_ATTACHMENT = "api:chat-attachment"
ATTACHMENT_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf", "application/octet-stream")


class AttachmentOut(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField(help_text="image or pdf")
    size = serializers.IntegerField(help_text="Bytes.")
    url = serializers.CharField(help_text="Download with the same bearer token.")


class MessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.CharField(source="sender_side", help_text="shopper or market")
    mine = serializers.SerializerMethodField()
    sender_name = serializers.SerializerMethodField()
    text = serializers.CharField()
    attachment = serializers.SerializerMethodField()
    card = serializers.DictField(help_text="The product the message was sent from, as it was then ({} if none).")
    status = serializers.CharField(help_text="sent, delivered or read (by the other side).")
    at = MomentField(source="created_at")

    def get_mine(self, message) -> bool:
        return message.sender_side == self.context["participant"].side

    def get_sender_name(self, message) -> str:
        conversation = self.context["participant"].conversation
        if message.sender_side == Side.MARKET:
            return conversation.market.name
        return shopper_display_name(conversation.shopper)

    @extend_schema_field(AttachmentOut(allow_null=True))
    def get_attachment(self, message):
        if not message.attachment:
            return None
        url = self.context["attachment_url"](message.pk)
        data = {"name": message.attachment_name, "kind": message.attachment_kind, "size": message.attachment_size}
        return {**data, "url": self.context["request"].build_absolute_uri(url)}


class ConversationOut(serializers.Serializer):
    id = serializers.IntegerField()
    market = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    market_name = serializers.CharField(source="market.name")
    shopper_name = serializers.SerializerMethodField()
    subject = serializers.DictField(help_text="What it is about now: the last product card sent ({} if none).")
    unread = serializers.IntegerField(help_text="Messages from the other side I have not read.")
    last_text = serializers.SerializerMethodField()
    last_message_at = MomentField(allow_null=True)

    def get_shopper_name(self, conversation) -> str:
        return shopper_display_name(conversation.shopper)

    def get_last_text(self, conversation) -> str:
        text = getattr(conversation, "last_text", None)
        attachment = getattr(conversation, "last_attachment", None)
        return text or (f"📎 {attachment}" if attachment else "")


class MessageIn(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, help_text="Up to CHAT_MAX_TEXT_LENGTH characters.")
    attachment = serializers.FileField(required=False, help_text="One JPEG, PNG, WebP, GIF or PDF (multipart only).")
    product = serializers.IntegerField(required=False, help_text="A product of this market to send as a card.")


class MessagePageOut(serializers.Serializer):
    next = serializers.CharField(allow_null=True, help_text="The page of older messages, or null.")
    previous = serializers.CharField(allow_null=True, help_text="Always null: the first page is the newest.")
    results = MessageOut(many=True)


class StartOut(serializers.Serializer):
    conversation = ConversationOut()
    message = MessageOut()


class ReadOut(serializers.Serializer):
    read = serializers.ListField(child=serializers.IntegerField(), help_text="Messages newly marked read.")


SEND_EXAMPLES = [
    OpenApiExample("A question", request_only=True, value={"text": "Is the red one in stock?"}),
    OpenApiExample(
        "About a product", request_only=True, value={"text": "Does this fit a 1.5 L kettle?", "product": 12}
    ),
]
BEFORE = OpenApiParameter("before", OpenApiTypes.INT, description="A message id: the page of messages before it.")


def _before(request) -> int | None:
    value = request.query_params.get("before", "")
    return int(value) if value.isdigit() and len(value) < 19 else None


def _message_data(request) -> dict:
    return valid_form(MessageForm(request.data, request.FILES))


def _send(participant: Participant, data: dict):
    card = product_card(product_id=data["product"]) if data.get("product") else None
    return message_send(participant=participant, text=data["text"], attachment=data["attachment"], card=card)


def _conversation(participant: Participant) -> Conversation:
    """The participant's conversation with its unread count and last message, as lists show it."""
    conversation = participant.conversation
    row = shopper_conversation_list(market=conversation.market, user=participant.user).filter(pk=conversation.pk)
    return row.first() or conversation


def thread_context(request, *, market, participant: Participant, url_name: str) -> dict:
    """What MessageOut needs: who is reading (mine or theirs) and where attachments are downloaded."""
    kwargs = {"slug": market.slug, "conversation_id": participant.conversation_id}

    def attachment_url(message_id: int) -> str:
        return reverse(url_name, kwargs={**kwargs, "message_id": message_id})

    return {"request": request, "participant": participant, "attachment_url": attachment_url}


class ThreadMixin:
    """Messages of one conversation for `participant` (shopper or team member)."""

    attachment_url_name = ""

    def thread_context(self, participant: Participant) -> dict:
        return thread_context(
            self.request, market=self.market, participant=participant, url_name=self.attachment_url_name
        )

    def page_response(self, participant: Participant) -> Response:
        page = message_page(conversation_id=participant.conversation_id, before=_before(self.request))
        next_url = None
        if page.has_older:
            path = f"{self.request.path}?before={page.oldest_id}"
            next_url = self.request.build_absolute_uri(path)
        results = MessageOut(page.messages, many=True, context=self.thread_context(participant)).data
        return Response({"next": next_url, "previous": None, "results": results})

    def sent_response(self, participant: Participant, message) -> Response:
        data = MessageOut(message, context=self.thread_context(participant)).data
        return Response(data, status=status.HTTP_201_CREATED)

    def attachment_response(self, participant: Participant, message_id: int):
        message = message_with_attachment(participant=participant, message_id=message_id)
        return private_file_response(
            self.request._request,
            file=message.attachment,
            kind=message.attachment_kind,
            display_name=message.attachment_name,
            what=f"chat message {message.pk}",
        )


ATTACHMENT_RESPONSE = {
    (200, media): OpenApiResponse(OpenApiTypes.BINARY, description="The file.") for media in ATTACHMENT_TYPES
}


# --- The shopper's side -------------------------------------------------------------------------


class MyConversations(SignedIn, ApiView, generics.ListAPIView):
    serializer_class = ConversationOut
    cursor_ordering = ("-last_message_at", "-id")

    def get_queryset(self):
        return shopper_conversation_list_all(user=self.request.user)

    @extend_schema(
        tags=CHAT,
        summary="My conversations with every market, most recent first (with unread counts)",
        responses={200: ConversationOut(many=True), **errors(400)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class Conversations(SignedIn, MarketView):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        tags=CHAT,
        summary="My conversation with this market (an empty list until I write)",
        responses={200: ConversationOut(many=True), **errors(404, 503)},
    )
    def get(self, request, slug):
        conversations = shopper_conversation_list(market=self.market, user=request.user)
        return Response(ConversationOut(conversations, many=True).data)

    @extend_schema(
        tags=CHAT,
        summary="Write to the market (starts the conversation, or continues the one there is)",
        description="JSON, or multipart/form-data to attach a file. The market's team is told (in-app, and by "
        "SMS/email if it stays unread).",
        request={"application/json": MessageIn, "multipart/form-data": MessageIn},
        responses={201: StartOut, **errors(400, 404, 413, 415, 503)},
        examples=SEND_EXAMPLES,
    )
    def post(self, request, slug):
        data = _message_data(request)
        with transaction.atomic():
            conversation = conversation_start(market=self.market, shopper=request.user)
            participant = access_conversation(user=request.user, conversation_id=conversation.pk, market=self.market)
            message = _send(participant, data)
        context = thread_context(request, market=self.market, participant=participant, url_name=SHOPPER_ATTACHMENT)
        body = {
            "conversation": ConversationOut(_conversation(participant)).data,
            "message": MessageOut(message, context=context).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class ShopperThread(ThreadMixin, SignedIn, MarketView):
    attachment_url_name = SHOPPER_ATTACHMENT

    def participant(self, conversation_id: int) -> Participant:
        return access_conversation(user=self.request.user, conversation_id=conversation_id, market=self.market)


class ShopperMessages(ShopperThread):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        tags=CHAT,
        summary="Messages, the newest page first (oldest first inside a page); `next` holds older ones",
        description="Reading does not mark anything read: the app calls `read/` when the messages are on screen.",
        parameters=[BEFORE],
        responses={200: MessagePageOut, **errors(404, 503)},
    )
    def get(self, request, slug, conversation_id):
        return self.page_response(self.participant(conversation_id))

    @extend_schema(
        tags=CHAT,
        summary="Send a message (text, a product card, or an image/PDF as multipart)",
        request={"application/json": MessageIn, "multipart/form-data": MessageIn},
        responses={201: MessageOut, **errors(400, 404, 413, 415, 503)},
        examples=SEND_EXAMPLES,
    )
    def post(self, request, slug, conversation_id):
        participant = self.participant(conversation_id)
        return self.sent_response(participant, _send(participant, _message_data(request)))


class ShopperRead(ShopperThread):
    @extend_schema(
        tags=CHAT,
        summary="I have read the conversation (the market sees read receipts)",
        request=None,
        responses={200: ReadOut, **errors(404, 503)},
    )
    def post(self, request, slug, conversation_id):
        return Response({"read": conversation_mark_read(participant=self.participant(conversation_id))})


class ShopperAttachment(ShopperThread):
    @extend_schema(
        tags=CHAT,
        summary="Download a message's attachment (participants only)",
        responses={**ATTACHMENT_RESPONSE, **errors(404, 503)},
    )
    def get(self, request, slug, conversation_id, message_id):
        return self.attachment_response(self.participant(conversation_id), message_id)
