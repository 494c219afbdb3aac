"""Celery tasks of the chat (queue "notifications"). They take ids, never rows."""

from celery import shared_task

from asoud.notifications.services import NOTIFICATIONS_QUEUE

from .services import message_unread_alert


@shared_task(name="chat.message_unread_check", queue=NOTIFICATIONS_QUEUE, acks_late=True, ignore_result=True)
def message_unread_check(message_id: int) -> int:
    """Queued with a countdown of CHAT_UNREAD_NOTIFY_AFTER when a message is sent; when it runs,
    a message nobody on the other side has read yet is announced to them by SMS/email."""
    return message_unread_alert(message_id=message_id)
