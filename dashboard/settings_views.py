"""Market settings (owner and managers): profile, contacts, location, delivery, payment, colleague customers.

One page with a tab per subject; each tab is the `settings-panel` partial with its own form. htmx
posts answer with the panel again (saved, or with errors next to the fields and every typed value
kept); plain posts redirect after success or render the page again with the errors (status 400).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.accounts.phone import normalize_mobile
from asoud.core.formatting import TO_LATIN_WITH_DECIMAL as _DIGITS
from storefront.catalog.services import colleague_approve, colleague_reject
from storefront.orders.models import ShippingMethod
from storefront.orders.selectors import checkout_settings_get, shipping_method_list
from storefront.orders.selectors_dashboard import (
    colleague_get_for_dashboard,
    colleague_list_for_dashboard,
    shipping_method_get_for_dashboard,
)
from storefront.orders.services import checkout_settings_update, shipping_method_create
from storefront.orders.services_dashboard import (
    colleague_grant_by_mobile,
    shipping_method_remove,
    shipping_method_update,
)
from storefront.themes.models import StoreContact
from storefront.themes.selectors import store_contact_get
from storefront.themes.services import store_contact_save
from tenants.models import Market
from tenants.services_profile import market_profile_update

from .access import dashboard_view

TABS = [
    ("profile", gettext_lazy("Profile")),
    ("contacts", gettext_lazy("Contacts")),
    ("location", gettext_lazy("Location")),
    ("shipping", gettext_lazy("Delivery")),
    ("payments", gettext_lazy("Payment")),
    ("colleagues", gettext_lazy("Colleague customers")),
]


def _latin(value: str) -> str:
    return (value or "").translate(_DIGITS).strip()


# --- Forms --------------------------------------------------------------------------------------


class ProfileForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Shop name"), max_length=120)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    type = forms.ChoiceField(label=gettext_lazy("Kind of business"), choices=Market.Type.choices)
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        required=False,
        help_text=gettext_lazy("A square image looks best: JPEG, PNG, WebP or GIF, up to 8 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    remove_logo = forms.BooleanField(label=gettext_lazy("Remove the logo"), required=False)


HANDLE_HELP = gettext_lazy("Your username, without @, or the link to your page.")


class ContactsForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=30, required=False)
    mobile = forms.CharField(label=gettext_lazy("Mobile"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    instagram = forms.CharField(label=gettext_lazy("Instagram"), max_length=200, required=False, help_text=HANDLE_HELP)
    telegram = forms.CharField(label=gettext_lazy("Telegram"), max_length=200, required=False, help_text=HANDLE_HELP)
    whatsapp = forms.CharField(label=gettext_lazy("WhatsApp number"), max_length=20, required=False)
    website = forms.CharField(label=gettext_lazy("Website"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):  # only what the contact model can keep
            if name not in CONTACT_MODEL_FIELDS:
                del self.fields[name]
        for name in ("phone", "mobile", "whatsapp", "website"):
            if name in self.fields:
                self.fields[name].widget.attrs["dir"] = "ltr"

    def clean_phone(self) -> str:
        phone = _latin(self.cleaned_data["phone"])
        digits = "".join(ch for ch in phone if ch.isdigit())
        if phone and (not 5 <= len(digits) <= 15 or any(ch not in "0123456789+-() " for ch in phone)):
            raise ValidationError(_("Enter a phone number with its area code, for example 021 8888 7777."))
        return phone

    def _clean_mobile(self, name: str) -> str:
        value = self.cleaned_data[name]
        return normalize_mobile(value) if value.strip() else ""

    def clean_mobile(self) -> str:
        return self._clean_mobile("mobile")

    def clean_whatsapp(self) -> str:
        return self._clean_mobile("whatsapp")

    def _clean_handle(self, name: str, pattern: str) -> str:
        value = self.cleaned_data[name].strip()
        value = re.sub(r"^(https?://)?(www\.)?(instagram\.com|t\.me|telegram\.me)/", "", value).strip("/@ ")
        if value and not re.fullmatch(pattern, value):
            raise ValidationError(_("Enter a username of letters, digits, dots or underscores."))
        return value

    def clean_instagram(self) -> str:
        return self._clean_handle("instagram", r"[A-Za-z0-9._]{1,30}")

    def clean_telegram(self) -> str:
        return self._clean_handle("telegram", r"[A-Za-z0-9_]{5,32}")

    def clean_website(self) -> str:
        website = self.cleaned_data["website"].strip()
        if not website:
            return ""
        if "://" not in website:
            website = f"https://{website}"
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            raise ValidationError(_("Enter a web address like https://example.com.")) from None
        return website


CONTACT_MODEL_FIELDS = {field.name for field in StoreContact._meta.get_fields()}


class CoordinateField(forms.DecimalField):
    """Accepts Persian digits and the Persian decimal separator."""

    def to_python(self, value):
        return super().to_python(_latin(str(value)) if value not in (None, "") else value)


class LocationForm(forms.Form):
    province = forms.CharField(label=gettext_lazy("Province"), max_length=60, required=False)
    city = forms.CharField(label=gettext_lazy("City"), max_length=60, required=False)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    postal_code = forms.CharField(label=gettext_lazy("Postal code"), max_length=20, required=False)
    latitude = CoordinateField(
        label=gettext_lazy("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        error_messages={
            "min_value": gettext_lazy("Latitude must be between -90 and 90."),
            "max_value": gettext_lazy("Latitude must be between -90 and 90."),
            "invalid": gettext_lazy("Enter the latitude as a number, for example 35.6997."),
        },
    )
    longitude = CoordinateField(
        label=gettext_lazy("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        error_messages={
            "min_value": gettext_lazy("Longitude must be between -180 and 180."),
            "max_value": gettext_lazy("Longitude must be between -180 and 180."),
            "invalid": gettext_lazy("Enter the longitude as a number, for example 51.3380."),
        },
    )
    opening_hours = forms.CharField(label=gettext_lazy("Opening hours"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("latitude", "longitude", "postal_code"):
            self.fields[name].widget = forms.TextInput(attrs={"dir": "ltr", "inputmode": "decimal"})

    def clean_postal_code(self) -> str:
        code = _latin(self.cleaned_data["postal_code"]).replace("-", "").replace(" ", "")
        if code and (not code.isdigit() or len(code) != 10):
            raise ValidationError(_("A postal code has 10 digits."))
        return code

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not self.errors:
            raise ValidationError(_("Enter both the latitude and the longitude, or neither."))
        return data


class ShippingForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ShippingMethod.Kind.choices)
    cost = forms.IntegerField(label=gettext_lazy("Cost (Toman)"), min_value=0, required=False, initial=0)
    free_above = forms.IntegerField(label=gettext_lazy("Free for orders from (Toman)"), min_value=1, required=False)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=255, required=False)
    is_active = forms.BooleanField(label=gettext_lazy("Offered at checkout"), required=False, initial=True)

    def rial_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "cost": (data.get("cost") or 0) * 10,
            "free_above": data["free_above"] * 10 if data.get("free_above") else None,
            "description": data.get("description") or "",
            "is_active": data.get("is_active", False),
        }

    @classmethod
    def for_method(cls, method: ShippingMethod, **kwargs) -> ShippingForm:
        initial = {
            "name": method.name,
            "kind": method.kind,
            "cost": method.cost // 10,
            "free_above": method.free_above // 10 if method.free_above else None,
            "description": method.description,
            "is_active": method.is_active,
        }
        return cls(initial=initial, prefix=f"m{method.pk}", **kwargs)


class PaymentsForm(forms.Form):
    allow_cash_on_delivery = forms.BooleanField(label=gettext_lazy("Accept cash on delivery"), required=False)


class ColleagueForm(forms.Form):
    mobile = forms.CharField(label=gettext_lazy("Customer's mobile number"), max_length=20)
    company_name = forms.CharField(label=gettext_lazy("Company name"), max_length=150, required=False)


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors next to the form's fields (or at the top of the form)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error)


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
        _apply_errors(form, error)
        return _failed(request, "profile", form)
    return _saved(request, "profile", _("Profile saved."))


def _save_contact(request, form_class, tab: str):
    form = form_class(request.POST)
    if not form.is_valid():
        return _failed(request, tab, form)
    try:
        store_contact_save(**form.cleaned_data)
    except ValidationError as error:
        _apply_errors(form, error)
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
        _apply_errors(form, error)
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
        _apply_errors(form, error)
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
            _apply_errors(form, error)
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
