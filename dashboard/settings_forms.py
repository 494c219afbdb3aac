"""The forms of the market settings page (dashboard/settings_views.py): they parse input; services write."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asoud.core.formatting import TO_LATIN_WITH_DECIMAL as _DIGITS
from asoud.core.phone import normalize_mobile
from storefront.orders.models import ShippingMethod
from storefront.themes.models import StoreContact
from tenants.models import Market


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


def form_errors_apply(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors next to the form's fields (or at the top of the form)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error)
