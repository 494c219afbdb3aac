from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamMember(models.Model):
    """Someone the owner invited to help run this market, with a role that limits what they see."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager: everything")
        EDITOR = "editor", _("Editor: catalogue and storefront")
        SUPPORT = "support", _("Support: orders and chat")

    # Users live in the public schema. DO_NOTHING keeps Django's delete collector from looking for
    # this (tenant) table in the public schema; the database constraint still refuses to delete a
    # user some market refers to (accounts are deactivated, not deleted).
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.user_id} ({self.role})"
