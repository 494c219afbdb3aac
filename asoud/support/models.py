import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from asoud.core.private_files import private_storage


class Ticket(models.Model):
    """A question from anyone signed in to the platform's staff."""

    class Category(models.TextChoices):
        ACCOUNT = "account", _("My account and sign-in")
        ORDER = "order", _("An order")
        PAYMENT = "payment", _("Payments and wallet")
        MARKET = "market", _("My market")
        TECHNICAL = "technical", _("Something does not work")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")  # waiting for staff
        ANSWERED = "answered", _("Answered")  # waiting for the person
        CLOSED = "closed", _("Closed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="support_tickets"
    )
    subject = models.CharField(_("subject"), max_length=150)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last activity"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("support ticket")
        verbose_name_plural = _("support tickets")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "-updated_at"], name="support_status_recent_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


def attachment_path(message: "TicketMessage", filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"support/{uuid.uuid4().hex}{suffix}"


class TicketMessage(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_staff = models.BooleanField(_("from staff"), default=False)
    text = models.TextField(_("text"))
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, storage=private_storage, blank=True)
    attachment_kind = models.CharField(max_length=8, blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_image(self) -> bool:
        return self.attachment_kind == "image"
