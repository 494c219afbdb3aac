from django.db import models
from django.utils.translation import gettext_lazy as _


class SmsMessage(models.Model):
    """One SMS, from the moment it is asked for until a provider took it (or every provider refused)."""

    class Kind(models.TextChoices):
        OTP = "otp", _("One-time code")
        TEXT = "text", _("Text")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Priority(models.IntegerChoices):
        # The values are Celery priorities on the Redis broker, where 0 is served first.
        HIGH = 0, _("High")
        NORMAL = 5, _("Normal")
        LOW = 9, _("Low")

    recipient = models.CharField(_("recipient"), max_length=16, help_text=_("E.164, for example +989121234567."))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    text = models.TextField(_("text"))
    template = models.CharField(
        _("template"), max_length=100, blank=True, help_text=_("Provider template id or name, when one was used.")
    )
    params = models.JSONField(_("template parameters"), default=dict, blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    provider = models.CharField(_("provider"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    provider_message_id = models.CharField(_("provider message id"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS message")
        verbose_name_plural = _("SMS messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at"], name="sms_created_idx"),
            models.Index(fields=["status", "-created_at"], name="sms_status_created_idx"),
            models.Index(fields=["recipient", "-created_at"], name="sms_recipient_created_idx"),
            models.Index(fields=["provider"], name="sms_provider_idx"),
            models.Index(fields=["kind"], name="sms_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.get_kind_display()} · {self.get_status_display()}"

    @property
    def otp_code(self) -> str:
        return str(self.params.get("code", "")) if self.kind == self.Kind.OTP else ""

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED
