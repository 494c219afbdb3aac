"""The market's team (owner only): invite people by mobile number with a role, change roles, remove.

Members live in the market's schema, so another market's members are simply not found (404),
whatever id a request names.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.accounts.forms import MobileField
from asoud.accounts.second_factor import reauthentication_required
from storefront.team.models import TeamMember
from storefront.team.selectors import access_team_member, team_member_list
from storefront.team.services import team_member_invite, team_member_remove, team_member_role_change

from .access import dashboard_view
from .products import toast

TEMPLATE = "dashboard/team.html"


class InviteForm(forms.Form):
    mobile = MobileField(label=gettext_lazy("Mobile number"))
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=TeamMember.Role.choices, initial=TeamMember.Role.EDITOR
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=TeamMember.Role.choices)


def _context(request, **more) -> dict:
    return {
        "market": request.market,
        "members": team_member_list(),
        "roles": TeamMember.Role.choices,
        "form": more.pop("form", None) or InviteForm(),
        **more,
    }


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@dashboard_view("team")
@reauthentication_required
def team(request):
    """The team page; POST invites someone (htmx: the invite form and the list are swapped)."""
    if request.method == "GET":
        return render(request, TEMPLATE, _context(request))
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            member = team_member_invite(
                market=request.market,
                mobile=form.cleaned_data["mobile"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error(
                "mobile" if hasattr(error, "error_dict") and "mobile" in error.error_dict else None, error.messages
            )
        else:
            text = _("%(mobile)s joined your team. They sign in with that number and find this dashboard.") % {
                "mobile": member.user.mobile
            }
            return _done(request, text)
    if request.htmx:
        return render(request, f"{TEMPLATE}#team-panel", _context(request, form=form))
    return render(request, TEMPLATE, _context(request, form=form))


def _done(request, text: str, level: str = "success"):
    if not request.htmx:
        messages.add_message(request, messages.SUCCESS if level == "success" else messages.ERROR, text)
        return redirect("dashboard:team")
    return toast(render(request, f"{TEMPLATE}#team-panel", _context(request)), text, level)


@require_POST
@dashboard_view("team")
@reauthentication_required
def team_member_role(request, member_id: int):
    member = access_team_member(member_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _done(request, _("Choose a role."), "danger")
    team_member_role_change(member=member, role=form.cleaned_data["role"], changed_by=request.user)
    return _done(request, _("Role changed to “%(role)s”.") % {"role": member.get_role_display()})


@require_POST
@dashboard_view("team")
@reauthentication_required
def team_member_delete(request, member_id: int):
    member = access_team_member(member_id)
    team_member_remove(member=member)
    return _done(request, _("%(mobile)s was removed from your team.") % {"mobile": member.account.mobile})
