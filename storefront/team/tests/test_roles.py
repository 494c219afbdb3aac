"""The team-role policy (storefront/team/roles.py): one table for the dashboard, the owner API and the
public chat service, which asks through its hook who answers for a market."""

import pytest
from django_tenants.utils import tenant_context

from asoud.chat.selectors import market_team_user_ids
from storefront.team.models import TeamMember
from storefront.team.roles import OWNER, SECTIONS, chat_team_user_ids, market_role, role_reaches
from storefront.team.services import team_member_invite

pytestmark = pytest.mark.django_db


def test_the_owner_reaches_everything_and_each_role_its_sections():
    assert all(role_reaches(OWNER, section) for section in SECTIONS)
    assert role_reaches(TeamMember.Role.SUPPORT, "chat") and role_reaches(TeamMember.Role.SUPPORT, "orders")
    assert not role_reaches(TeamMember.Role.SUPPORT, "catalogue")
    assert role_reaches(TeamMember.Role.EDITOR, "storefront") and not role_reaches(TeamMember.Role.EDITOR, "chat")
    assert not role_reaches(TeamMember.Role.MANAGER, "team")  # the team and billing are the owner's alone
    assert not role_reaches(None, "overview")


def test_who_answers_a_markets_chat_follows_the_roles(market_alpha):
    with tenant_context(market_alpha):
        support = team_member_invite(market=market_alpha, mobile="09120007001", role=TeamMember.Role.SUPPORT)
        editor = team_member_invite(market=market_alpha, mobile="09120007002", role=TeamMember.Role.EDITOR)
        assert market_role(user=support.user, market=market_alpha) == TeamMember.Role.SUPPORT
        assert market_role(user=market_alpha.owner, market=market_alpha) == OWNER
    answering = chat_team_user_ids(market=market_alpha)
    assert support.user_id in answering and editor.user_id not in answering
    assert market_alpha.owner_id not in answering  # members only: the chat service adds the owner
    # The chat service reaches the policy through settings.CHAT_MARKET_TEAM_USER_IDS, owner included.
    team = market_team_user_ids(market=market_alpha)
    assert {support.user_id, market_alpha.owner_id} <= team and editor.user_id not in team
