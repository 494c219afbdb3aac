"""Who may do what in a market's dashboard, per request. Checked in every view (never only in templates);
the role table itself is the team's policy (storefront/team/roles.py)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from storefront.team.roles import OWNER, SECTIONS, market_role, role_reaches

__all__ = ["OWNER", "SECTIONS", "access_market", "can_access", "dashboard_role", "dashboard_view"]


def dashboard_role(request) -> str | None:
    """The signed-in user's role in the current market: "owner", a TeamMember role, or None."""
    if not hasattr(request, "_dashboard_role"):
        request._dashboard_role = market_role(user=request.user, market=request.tenant)
    return request._dashboard_role


def can_access(request, section: str) -> bool:
    return role_reaches(dashboard_role(request), section)


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
