"""Reading SMS messages."""

from .models import SmsMessage


def sms_list(*, recipient: str = "", limit: int = 50) -> list[SmsMessage]:
    """The latest messages, newest first; only those to `recipient` (E.164) when given."""
    messages = SmsMessage.objects.order_by("-created_at", "-id")
    if recipient:
        messages = messages.filter(recipient=recipient)
    return list(messages[:limit])
