from asoud.sms.models import SmsMessage
from asoud.sms.tasks import deliver


def delivered(message: SmsMessage) -> SmsMessage:
    """Run the delivery task as the worker would (synchronously) and reload the row."""
    deliver.apply(args=[message.pk])
    message.refresh_from_db()
    return message
