"""Live updates of the bell over the channel layer (`ws/notifications/`, one group per person)."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

from asoud.core.language import chosen_language

from .selectors import notification_unread_count

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def bell_push(*, user_id: int, notification_id: int | None = None) -> None:
    """Send the person's unread count to every page they have open (called after commit)."""
    event = {"type": "bell.update", "count": notification_unread_count(user_id=user_id)}
    if notification_id is not None:
        event["notification_id"] = notification_id
    group_send(user_group(user_id), event)


def group_send(group: str, event: dict) -> None:
    """A channel-layer send that never breaks the caller: live updates are a bonus on top of pages
    that are correct on reload."""
    try:
        async_to_sync(get_channel_layer().group_send)(group, event)
    except Exception:
        logger.exception("Channel layer send to %s failed", group)


def scope_language(scope) -> str:
    """The language a websocket connection's pages are shown in: the language cookie, else the site
    default (as for pages: asoud.core.language)."""
    return chosen_language(scope.get("cookies", {})) or settings.LANGUAGE_CODE
