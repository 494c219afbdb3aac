import factory

from asoud.accounts.tests.factories import UserFactory
from storefront.team.models import TeamMember


class TeamMemberFactory(factory.django.DjangoModelFactory):
    """A member of the current market's team (inside the market's schema)."""

    class Meta:
        model = TeamMember

    user = factory.SubFactory(UserFactory)
    role = TeamMember.Role.EDITOR
