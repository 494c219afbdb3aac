from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One security-relevant event. Written by `audit_record` (or the "asoud.audit" logger), never edited."""

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKOUT = "lockout", _("Locked out")
        ROLE_CHANGE = "role_change", _("Role changed")
        WITHDRAWAL_APPROVED = "withdrawal_approved", _("Withdrawal approved")
        WITHDRAWAL_REJECTED = "withdrawal_rejected", _("Withdrawal rejected")
        PAYOUT = "payout", _("Payout")
        STAFF_ACTION = "staff_action", _("Staff action")
        PRIVATE_FILE_DOWNLOAD = "private_file_download", _("Private file downloaded")
        MFA = "mfa", _("Two-factor authentication")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Other areas may log actions of their own (e.g. "mfa_enabled"): stored as given.
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    market = models.ForeignKey(
        "tenants.Market",
        verbose_name=_("market"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target = models.CharField(_("target"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    metadata = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.created_at:%Y-%m-%d %H:%M}"
