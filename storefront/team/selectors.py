"""Reads of a market's team (the current schema's)."""

from django.shortcuts import get_object_or_404

from asoud.accounts.models import User

from .models import TeamMember


def team_member_list() -> list[TeamMember]:
    """Members with their accounts (users live in the public schema: fetched in one extra query)."""
    members = list(TeamMember.objects.order_by("created_at", "id"))
    users = User.objects.in_bulk([member.user_id for member in members])
    for member in members:
        member.account = users.get(member.user_id)
    return members


def access_team_member(member_id: int) -> TeamMember:
    """A member of the current market's team, else 404 (another market's members are not here)."""
    member = get_object_or_404(TeamMember, pk=member_id)
    member.account = User.objects.filter(pk=member.user_id).first()
    return member


__all__ = ["access_team_member", "team_member_list"]
