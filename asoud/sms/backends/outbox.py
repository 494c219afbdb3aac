"""The development backend: nothing leaves the machine. The message row is the outbox (see the
admin and /dev/outbox/), and the text goes to the console log so an OTP can be read there too."""

import logging
import uuid

from .base import OutgoingSms, SendResult, SmsBackend

logger = logging.getLogger("asoud.sms.outbox")


class OutboxBackend(SmsBackend):
    name = "outbox"

    def send(self, message: OutgoingSms) -> SendResult:
        logger.info("SMS to %s (outbox, not sent to a phone): %s", message.to, message.text)
        return SendResult(provider_message_id=f"outbox-{uuid.uuid4().hex[:12]}")
