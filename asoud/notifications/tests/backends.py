import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableSmtpBackend(BaseEmailBackend):
    """Stands in for a mail server that is down (connection refused)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")
