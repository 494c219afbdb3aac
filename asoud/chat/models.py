import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from asoud.core.private_files import private_storage


class Side(models.TextChoices):
    SHOPPER = "shopper", _("Shopper")
    MARKET = "market", _("Market")


class Conversation(models.Model):
    """The one conversation between a shopper and a market. Products and orders live in the
    market's schema, so only their ids and a small snapshot for the card are kept here."""

    market = models.ForeignKey(
        "tenants.Market", verbose_name=_("market"), on_delete=models.CASCADE, related_name="conversations"
    )
    shopper = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("shopper"), on_delete=models.CASCADE, related_name="chat_conversations"
    )
    product_id = models.BigIntegerField(_("product"), null=True, blank=True)
    order_id = models.BigIntegerField(_("order"), null=True, blank=True)
    # {"kind": "product"|"order", "id", "title", "image_url", "price" (Rials), "url"}: what it is about now.
    subject = models.JSONField(_("about"), default=dict, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["market", "shopper"], name="chat_one_conversation_per_pair")]
        indexes = [models.Index(fields=["market", "-last_message_at"], name="chat_market_recent_idx")]

    def __str__(self) -> str:
        return f"{self.shopper} ↔ {self.market}"


class Participant(models.Model):
    """A person in a conversation, on the shopper's or the market's side, with their read state."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_participations")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    last_read_message_id = models.BigIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)
    # When an "unread message" SMS/email last went out: one per run of unread messages.
    unread_alert_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="chat_participant_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_side_display()})"


def attachment_path(message: "Message", filename: str) -> str:
    # Never the uploader's file name in the path: it is only shown, from `attachment_name`.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"chat/{message.conversation.market_id}/{uuid.uuid4().hex}{suffix}"


class Message(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        READ = "read", _("Read")

    class AttachmentKind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sender_side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    text = models.TextField(_("text"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, storage=private_storage, blank=True)
    attachment_kind = models.CharField(max_length=8, choices=AttachmentKind.choices, blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    # The product/order card this message was sent from, as it was then.
    card = models.JSONField(default=dict, blank=True)
    # As seen from the other side: delivered when it reached one of their screens, read when seen.
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["id"]
        indexes = [models.Index(fields=["conversation", "-id"], name="chat_message_history_idx")]

    def __str__(self) -> str:
        return self.text[:60] or self.attachment_name

    @property
    def is_image(self) -> bool:
        return self.attachment_kind == self.AttachmentKind.IMAGE
