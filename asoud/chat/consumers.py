"""Chat sockets. The market comes from the host (scope["market"]), the person from the session
(scope["user"]). Client → server: JSON {"type": "message", "text"} | {"type": "typing"} |
{"type": "read"} (htmx's ws-send adds a "HEADERS" key, ignored). Server → client: htmx
out-of-band HTML fragments (see realtime.py)."""

import json

from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from asoud.core.consumers import GroupConsumer
from asoud.notifications.realtime import scope_language

from . import realtime
from .models import Side
from .selectors import (
    access_conversation,
    inbox_row,
    market_team_user_ids,
    message_get,
    messages_by_id,
    shopper_display_name,
)
from .services import conversation_mark_read, message_send, messages_mark_delivered

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


class ChatConsumer(GroupConsumer):
    """`ws/chat/<conversation_id>/`: only the conversation's participants, only on its market's host."""

    async def connect(self):
        user, market = self.scope.get("user"), self.scope["market"]
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        conversation_id = int(self.scope["url_route"]["kwargs"]["conversation_id"])
        try:
            self.participant = await database_sync_to_async(access_conversation)(
                user=user, conversation_id=conversation_id, market=market
            )
        except Http404:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.side = self.participant.side
        self.language = scope_language(self.scope)
        self.group = realtime.conversation_group(schema_name=market.schema_name, conversation_id=conversation_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None):
        try:
            content = json.loads(text_data or "")
        except ValueError:
            return
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "typing":
            await self.channel_layer.group_send(
                self.group, {"type": "chat.typing", "side": self.side, "name": await self._display_name()}
            )
        elif kind == "read":
            await database_sync_to_async(conversation_mark_read)(participant=self.participant)
        elif kind == "message":
            await self._send_message(str(content.get("text", "")))

    async def _send_message(self, text: str):
        try:
            await database_sync_to_async(message_send)(participant=self.participant, text=text)
        except ValidationError as error:
            with translation.override(self.language):
                await self.send(text_data=realtime.error_fragment(errors=error.messages))

    @database_sync_to_async
    def _display_name(self) -> str:
        conversation = self.participant.conversation
        if self.side == Side.MARKET:
            return conversation.market.name
        return shopper_display_name(self.participant.user).split(" ")[0]

    # --- Group events ---------------------------------------------------------------------

    async def chat_message(self, event):
        html = await self._message_html(event["message_id"], mine=event["sender_side"] == self.side)
        if html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _message_html(self, message_id: int, *, mine: bool) -> str:
        message = message_get(message_id=message_id)
        if message is None:
            return ""
        if not mine:
            messages_mark_delivered(participant=self.participant, message_ids=[message_id])
            message.refresh_from_db(fields=["status"])
        with translation.override(self.language):
            html = realtime.message_fragment(message=message, viewer_side=self.side)
            # The message the other side was typing has arrived: the indicator goes.
            return html if mine else html + realtime.typing_fragment(name="")

    async def chat_status(self, event):
        if event["side"] != self.side:
            return  # receipts are for the people who sent those messages
        html = await self._status_html(event["message_ids"])
        if html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _status_html(self, message_ids: list[int]) -> str:
        messages = messages_by_id(conversation_id=self.participant.conversation_id, ids=message_ids)
        with translation.override(self.language):
            return realtime.status_fragment(messages=messages)

    async def chat_typing(self, event):
        if event["side"] == self.side:
            return
        with translation.override(self.language):
            await self.send(text_data=realtime.typing_fragment(name=event["name"]))


class InboxConsumer(GroupConsumer):
    """`ws/chat/inbox/`: the market team's conversation list, kept current (new messages move a
    conversation to the top; reading one updates its unread count)."""

    async def connect(self):
        user, market = self.scope.get("user"), self.scope["market"]
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if market.is_public or user.pk not in await database_sync_to_async(market_team_user_ids)(market=market):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.language = scope_language(self.scope)
        self.group = realtime.inbox_group(schema_name=market.schema_name)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None):
        """Nothing to receive: the list only listens."""

    async def inbox_update(self, event):
        html = await self._row_html(event["conversation_id"], move=event.get("move", False))
        if html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _row_html(self, conversation_id: int, *, move: bool) -> str:
        conversation = inbox_row(market=self.scope["market"], user=self.scope["user"], conversation_id=conversation_id)
        if conversation is None:
            return ""
        with translation.override(self.language):
            return realtime.inbox_row_fragment(conversation=conversation, move=move)
