from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from storefront.team.roles import SECTIONS

from .access import can_access, dashboard_role

# The sidebar: (url name, label, section). Pages not built yet are skipped until their URL exists.
NAVIGATION = [
    ("dashboard:products", _("Products"), "catalogue"),
    ("dashboard:orders", _("Orders"), "orders"),
    ("dashboard:inbox", _("Inbox"), "chat"),
    ("dashboard:storefront", _("Storefront"), "storefront"),
    ("dashboard:analytics", _("Analytics"), "analytics"),
    ("dashboard:settings", _("Settings"), "settings"),
    ("dashboard:affiliate_offers", _("Affiliate programme"), "settings"),
    ("dashboard:team", _("Team"), "team"),
    ("dashboard:subscription", _("Subscription"), "billing"),
    ("dashboard:verification", _("Verification"), "billing"),
]


def dashboard(request):
    """Which sections the current user may open, for the dashboard navigation."""
    if not request.path.startswith("/dashboard/") or getattr(request, "tenant", None) is None:
        return {}
    return {
        "dashboard_role": dashboard_role(request),
        "dashboard_sections": {section: can_access(request, section) for section in SECTIONS},
        "dashboard_nav": _navigation(request),
        "market_read_only": getattr(request, "market_read_only", False),
    }


def _navigation(request) -> list[dict]:
    items = []
    for url_name, label, section in NAVIGATION:
        if not can_access(request, section):
            continue
        try:
            items.append({"url": reverse(url_name), "label": label})
        except NoReverseMatch:
            continue
    return items
