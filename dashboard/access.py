"""Who may do what in a market's dashboard. Checked in every view (never only in templates)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from storefront.team.models import TeamMember

OWNER = "owner"
# Which dashboard sections each role reaches. The owner reaches everything.
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


def dashboard_role(request) -> str | None:
    """The signed-in user's role in the current market: "owner", a TeamMember role, or None."""
    if not hasattr(request, "_dashboard_role"):
        user, market = request.user, request.tenant
        if not user.is_authenticated or market.is_public:
            role = None
        elif market.owner_id == user.pk:
            role = OWNER
        else:
            role = TeamMember.objects.filter(user_id=user.pk).values_list("role", flat=True).first()
        request._dashboard_role = role
    return request._dashboard_role


def can_access(request, section: str) -> bool:
    role = dashboard_role(request)
    return role == OWNER or (role is not None and role in SECTIONS[section])


def access_market(request, section: str = "overview"):
    """The current market if the signed-in user may use this dashboard section; 403 otherwise."""
    if not can_access(request, section):
        raise PermissionDenied
    return request.tenant


def dashboard_view(section: str):
    """Sign-in required, then the section's role check; the view gets `request.market`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.market = access_market(request, section)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
