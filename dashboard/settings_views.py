"""Market settings (owner and managers): profile, contacts, location, delivery, payment, colleague customers.

One page with a tab per subject; each tab is the `settings-panel` partial with its own form. htmx
posts answer with the panel again (saved, or with errors next to the fields and every typed value
kept); plain posts redirect after success or render the page again with the errors (status 400).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from storefront.catalog.services import colleague_approve, colleague_grant_by_mobile, colleague_reject
from storefront.orders.models import ShippingMethod
from storefront.orders.selectors import (
    checkout_settings_get,
    colleague_get_for_dashboard,
    colleague_list_for_dashboard,
    shipping_method_get_for_dashboard,
    shipping_method_list,
)
from storefront.orders.services import (
    checkout_settings_update,
    shipping_method_create,
    shipping_method_remove,
    shipping_method_update,
)
from storefront.themes.profile import market_profile_update
from storefront.themes.selectors import store_contact_get
from storefront.themes.services import store_contact_save

from .access import dashboard_view
from .settings_forms import (
    ColleagueForm,
    ContactsForm,
    LocationForm,
    PaymentsForm,
    ProfileForm,
    ShippingForm,
    form_errors_apply,
)

TABS = [
    ("profile", gettext_lazy("Profile")),
    ("contacts", gettext_lazy("Contacts")),
    ("location", gettext_lazy("Location")),
    ("shipping", gettext_lazy("Delivery")),
    ("payments", gettext_lazy("Payment")),
    ("colleagues", gettext_lazy("Colleague customers")),
]


# --- Tabs ---------------------------------------------------------------------------------------


def _forms_for(tab: str, request, bound: forms.Form | None = None) -> dict:
    """The forms a tab shows, filled from what is saved (or `bound`, after a failed post)."""
    market = request.market
    if tab == "profile":
        initial = {"name": market.name, "description": market.description, "type": market.type}
        return {"form": bound or ProfileForm(initial=initial)}
    if tab == "contacts":
        contact = store_contact_get()
        initial = {name: getattr(contact, name) for name in ContactsForm.base_fields if hasattr(contact, name)}
        return {"form": bound or ContactsForm(initial=initial)}
    if tab == "location":
        contact = store_contact_get()
        return {
            "form": bound or LocationForm(initial={name: getattr(contact, name) for name in LocationForm.base_fields})
        }
    if tab == "shipping":
        methods = list(shipping_method_list(active_only=False))
        edits = [(method, ShippingForm.for_method(method)) for method in methods]
        if isinstance(bound, ShippingForm) and bound.prefix:
            edits = [(method, bound if f"m{method.pk}" == bound.prefix else form) for method, form in edits]
            bound = None
        return {
            "form": bound or ShippingForm(initial={"kind": ShippingMethod.Kind.FLAT, "is_active": True}),
            "methods": edits,
        }
    if tab == "payments":
        initial = {"allow_cash_on_delivery": checkout_settings_get().allow_cash_on_delivery}
        return {"form": bound or PaymentsForm(initial=initial)}
    if tab == "colleagues":
        return {"form": bound or ColleagueForm(), "colleagues": colleague_list_for_dashboard()}
    raise Http404


def _render(request, tab: str, *, bound=None, notice: str = "", open_method: int | None = None, status: int = 200):
    context = {
        "market": request.market,
        "tab": tab,
        "tabs": TABS,
        "notice": notice,
        "open_method": open_method,
        **_forms_for(tab, request, bound),
    }
    template = "dashboard/settings.html#settings-panel" if request.htmx else "dashboard/settings.html"
    return render(request, template, context, status=200 if request.htmx else status)


def _saved(request, tab: str, notice: str):
    if request.htmx:
        return _render(request, tab, notice=notice)
    messages.success(request, notice)
    return redirect("dashboard:settings_tab", tab=tab)


def _failed(request, tab: str, form: forms.Form, **extra):
    return _render(request, tab, bound=form, status=400, **extra)


@dashboard_view("settings")
@vary_on_headers("HX-Request")
def settings_page(request, tab: str = "profile"):
    if tab not in dict(TABS):
        raise Http404
    if request.method != "POST":
        return _render(request, tab)
    return SAVE[tab](request)


def _save_profile(request):
    form = ProfileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _failed(request, "profile", form)
    data = form.cleaned_data
    fields = {"name": data["name"], "description": data["description"], "type": data["type"]}
    if data["logo"] is not None:
        fields["logo"] = data["logo"]
    elif data["remove_logo"]:
        fields["logo"] = None
    try:
        market_profile_update(market=request.market, **fields)
    except ValidationError as error:
        form_errors_apply(form, error)
        return _failed(request, "profile", form)
    return _saved(request, "profile", _("Profile saved."))


def _save_contact(request, form_class, tab: str):
    form = form_class(request.POST)
    if not form.is_valid():
        return _failed(request, tab, form)
    try:
        store_contact_save(**form.cleaned_data)
    except ValidationError as error:
        form_errors_apply(form, error)
        return _failed(request, tab, form)
    return _saved(request, tab, _("Saved. Your shop's contact page shows it now."))


def _save_shipping(request):
    form = ShippingForm(request.POST)
    if not form.is_valid():
        return _failed(request, "shipping", form)
    fields = form.rial_fields()
    try:
        shipping_method_create(**fields)
    except ValidationError as error:
        form_errors_apply(form, error)
        return _failed(request, "shipping", form)
    return _saved(request, "shipping", _("Delivery method “%(name)s” added.") % {"name": fields["name"]})


def _save_payments(request):
    form = PaymentsForm(request.POST)
    form.is_valid()
    checkout_settings_update(allow_cash_on_delivery=form.cleaned_data.get("allow_cash_on_delivery", False))
    return _saved(request, "payments", _("Payment settings saved."))


def _save_colleague(request):
    form = ColleagueForm(request.POST)
    if not form.is_valid():
        return _failed(request, "colleagues", form)
    try:
        colleague = colleague_grant_by_mobile(**form.cleaned_data)
    except ValidationError as error:
        form_errors_apply(form, error)
        return _failed(request, "colleagues", form)
    name = colleague.user.get_full_name() or colleague.user.mobile
    return _saved(request, "colleagues", _("%(name)s now buys at colleague prices.") % {"name": name})


SAVE = {
    "profile": _save_profile,
    "contacts": lambda request: _save_contact(request, ContactsForm, "contacts"),
    "location": lambda request: _save_contact(request, LocationForm, "location"),
    "shipping": _save_shipping,
    "payments": _save_payments,
    "colleagues": _save_colleague,
}


@require_POST
@dashboard_view("settings")
def shipping_edit(request, method_id: int):
    method = shipping_method_get_for_dashboard(method_id=method_id)
    form = ShippingForm(request.POST, prefix=f"m{method.pk}")
    if form.is_valid():
        try:
            shipping_method_update(method=method, **form.rial_fields())
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            return _saved(request, "shipping", _("Delivery method “%(name)s” saved.") % {"name": method.name})
    return _failed(request, "shipping", form, open_method=method.pk)


@require_POST
@dashboard_view("settings")
def shipping_remove(request, method_id: int):
    method = shipping_method_get_for_dashboard(method_id=method_id)
    shipping_method_remove(method=method)
    return _saved(request, "shipping", _("Delivery method “%(name)s” removed.") % {"name": method.name})


@require_POST
@dashboard_view("settings")
def colleague_decide(request, colleague_id: int, decision: str):
    colleague = colleague_get_for_dashboard(colleague_id=colleague_id)
    if decision not in ("approve", "revoke"):
        raise Http404
    (colleague_approve if decision == "approve" else colleague_reject)(colleague=colleague)
    name = colleague.user.get_full_name() or colleague.user.mobile
    notice = (
        _("%(name)s now buys at colleague prices.")
        if decision == "approve"
        else _("%(name)s buys at regular prices again.")
    ) % {"name": name}
    return _saved(request, "colleagues", notice)
