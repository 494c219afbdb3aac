"""The team-role policy: which parts of a market each role reaches. The owner reaches everything.

One table for every interface (the dashboard, the owner API) and for the public chat service, which
asks through the hook settings.CHAT_MARKET_TEAM_USER_IDS who answers for a market."""

from django_tenants.utils import schema_context

from .models import TeamMember

OWNER = "owner"
# Which sections each role reaches. The owner reaches everything.
SECTIONS: dict[str, set[str]] = {
    "overview": {TeamMember.Role.MANAGER, TeamMember.Role.EDITOR, TeamMember.Role.SUPPORT},
    "catalogue": {TeamMember.Role.MANAGER, TeamMember.Role.EDITOR},
    "storefront": {TeamMember.Role.MANAGER, TeamMember.Role.EDITOR},
    "orders": {TeamMember.Role.MANAGER, TeamMember.Role.SUPPORT},
    "chat": {TeamMember.Role.MANAGER, TeamMember.Role.SUPPORT},
    "analytics": {TeamMember.Role.MANAGER},
    "settings": {TeamMember.Role.MANAGER},
    "team": set(),  # owner only
    "billing": set(),  # owner only: subscription and verification
}


def market_role(*, user, market) -> str | None:
    """The user's role in the market (its schema must be the current one): "owner", a TeamMember role, or None."""
    if not user.is_authenticated or market.is_public:
        return None
    if market.owner_id == user.pk:
        return OWNER
    return TeamMember.objects.filter(user_id=user.pk).values_list("role", flat=True).first()


def role_reaches(role: str | None, section: str) -> bool:
    return role == OWNER or (role is not None and role in SECTIONS[section])


def chat_team_user_ids(*, market) -> set[int]:
    """Team members (not the owner) whose role reaches the chat, read from the market's own schema."""
    with schema_context(market.schema_name):
        return set(TeamMember.objects.filter(role__in=SECTIONS["chat"]).values_list("user_id", flat=True))
