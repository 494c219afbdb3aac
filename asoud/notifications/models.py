from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Category, Channel, Priority


class Notification(models.Model):
    """Something that happened for one person. The text is rendered from templates/notifications/
    <event>/ at display or delivery time, in the reader's language, from the stored context."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(_("event"), max_length=40)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    market = models.ForeignKey(
        "tenants.Market", verbose_name=_("market"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    group_key = models.CharField(max_length=80, blank=True, editable=False)
    count = models.PositiveIntegerField(default=1, editable=False)  # events merged into this one by group_key
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    # Set when the in-app delivery went out: only then does it show in the notification centre.
    shown_at = models.DateTimeField(_("shown"), null=True, blank=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-shown_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-shown_at"], name="notif_user_shown_idx"),
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notif_user_unread_idx"),
            models.Index(fields=["user", "group_key"], name="notif_user_group_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.user}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """One notification on one channel: queued until its Celery task hands it over."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)  # mobile or email address
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    sms_message_id = models.BigIntegerField(_("SMS message"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="notif_delivery_one_per_channel")
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="notif_delivery_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.get_status_display()}"


class Preference(models.Model):
    """A person's choice for one category on one channel. No row: the default of events.py."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "category", "channel"], name="notif_preference_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.category}/{self.channel}: {self.enabled}"


class RecipientSettings(models.Model):
    """The language SMS and email are written in for this person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"
