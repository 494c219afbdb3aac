import logging

from channels.db import database_sync_to_async
from django.template.loader import render_to_string
from django.utils import translation
from redis.exceptions import ConnectionError as RedisConnectionError

from asoud.core.consumers import GroupConsumer

from .realtime import scope_language, user_group
from .selectors import notification_unread_count

CLOSE_UNAUTHENTICATED = 4401
logger = logging.getLogger(__name__)


class NotificationConsumer(GroupConsumer):
    """`ws/notifications/`: the bell of the signed-in person, on any host. Sends the unread count
    on connect and whenever it changes, as an htmx out-of-band fragment."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        self.language = scope_language(self.scope)
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
        except RedisConnectionError:
            # A pooled connection opened before Redis restarted is closed on its first use: that
            # one is dropped, so a second try goes over a fresh connection (or fails: Redis is down).
            logger.warning("channel layer connection was stale; trying once more")
            await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        count = await database_sync_to_async(notification_unread_count)(user_id=user.pk)
        await self.send(text_data=self._bell(count))

    async def receive(self, text_data=None, bytes_data=None):
        """Nothing to receive: the bell only listens."""

    async def bell_update(self, event):
        await self.send(text_data=self._bell(event["count"]))

    def _bell(self, count: int) -> str:
        with translation.override(self.language):
            return render_to_string("notifications/includes/bell.html#bell-count", {"unread": count, "oob": True})
