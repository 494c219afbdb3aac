from channels.db import database_sync_to_async
from django.http import Http404
from django.utils import translation

from asoud.core.consumers import GroupConsumer
from asoud.notifications.realtime import scope_language

from . import realtime
from .selectors import access_ticket, ticket_message_get, viewer_is_staff_side

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


class TicketConsumer(GroupConsumer):
    """`ws/support/<ticket_id>/`: the ticket's author and platform staff see new messages and
    status changes as they happen (htmx out-of-band fragments)."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        ticket_id = int(self.scope["url_route"]["kwargs"]["ticket_id"])
        try:
            self.ticket = await database_sync_to_async(access_ticket)(user=user, ticket_id=ticket_id)
        except Http404:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.staff_side = viewer_is_staff_side(user=user, ticket=self.ticket)
        self.language = scope_language(self.scope)
        self.group = realtime.ticket_group(ticket_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None):
        """Messages are posted over HTTP (they may carry files); the socket only listens."""

    async def support_message(self, event):
        html = await self._message_html(event["message_id"])
        if html:
            await self.send(text_data=html)

    @database_sync_to_async
    def _message_html(self, message_id: int) -> str:
        message = ticket_message_get(ticket_id=self.ticket.pk, message_id=message_id)
        if message is None:
            return ""
        with translation.override(self.language):
            return realtime.message_fragment(message=message, staff_side=self.staff_side)

    async def support_status(self, event):
        self.ticket.status = event["status"]
        with translation.override(self.language):
            await self.send(text_data=realtime.status_fragment(ticket=self.ticket))
