import pytest
from django_tenants.utils import tenant_context

from storefront.team.models import TeamMember
from storefront.team.roles import market_role

from .factories import TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_factory_team_members_pass_the_models_own_checks_and_hold_their_role(market_alpha):
    with tenant_context(market_alpha):
        member = TeamMemberFactory(role=TeamMember.Role.SUPPORT)
        member.full_clean()
        assert market_role(user=member.user, market=market_alpha) == "support"
