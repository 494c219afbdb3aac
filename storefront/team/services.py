"""Writes to a market's team: invite by mobile number, change a role, remove someone."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from asoud.accounts.services import user_get_or_create_for_mobile

from .models import TeamMember

audit_logger = logging.getLogger("asoud.audit")


@transaction.atomic
def team_member_invite(*, market, mobile: str, role: str, invited_by=None) -> TeamMember:
    """Add the person with this (normalised) mobile number to the team; their account is made if new."""
    if role not in TeamMember.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    user = user_get_or_create_for_mobile(mobile=mobile)
    if user.pk == market.owner_id:
        raise ValidationError({"mobile": _("This is your own number: as the owner you can already do everything.")})
    if TeamMember.objects.filter(user_id=user.pk).exists():
        raise ValidationError({"mobile": _("This person is already in your team.")})
    return TeamMember.objects.create(user=user, role=role, invited_by=invited_by)


def team_member_role_change(*, member: TeamMember, role: str, changed_by=None) -> TeamMember:
    if role not in TeamMember.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    previous = member.role
    member.role = role
    member.save(update_fields=["role"])
    if previous != role:
        audit_logger.info(
            "Team role changed",
            extra={
                "action": "role_change",
                "actor": changed_by,
                "market": connection.schema_name,
                "target": f"team member {member.pk} (user {member.user_id})",
                "previous_role": previous,
                "role": role,
            },
        )
    return member


def team_member_remove(*, member: TeamMember) -> None:
    member.delete()
