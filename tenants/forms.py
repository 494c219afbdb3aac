from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from asoud.core.uploads import validate_document_upload

from .models import MarketDocument, Plan
from .selectors import plan_list_purchasable

_DOCUMENT_WIDGET = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})


class MarketDocumentsForm(forms.Form):
    """The owner's verification documents: images or PDFs, checked by their real content."""

    business_license = forms.FileField(
        label=MarketDocument.Kind.BUSINESS_LICENSE.label, validators=[validate_document_upload], widget=_DOCUMENT_WIDGET
    )
    national_card = forms.FileField(
        label=MarketDocument.Kind.NATIONAL_CARD.label, validators=[validate_document_upload], widget=_DOCUMENT_WIDGET
    )
    company_registration = forms.FileField(
        label=MarketDocument.Kind.COMPANY_REGISTRATION.label,
        validators=[validate_document_upload],
        widget=_DOCUMENT_WIDGET,
        required=False,
        help_text=_("Companies only."),
    )

    def documents(self) -> dict:
        return {kind: upload for kind, upload in self.cleaned_data.items() if upload}


class RenewalForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), empty_label=None)
    months = forms.TypedChoiceField(label=_("Period"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plan_list_purchasable()
        self.fields["months"].choices = [
            (months, _months_label(months)) for months in settings.ASOUD_SUBSCRIPTION_MONTHS
        ]


def _months_label(months: int) -> str:
    return {1: _("1 month"), 3: _("3 months"), 12: _("12 months")}.get(months, str(months))


# --- Staff (admin intermediate pages) -------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60}), max_length=2000, strip=True
    )


class OptionalReasonForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = False


class PlanChangeForm(OptionalReasonForm):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.all(), empty_label=None)
    paid_until = forms.DateField(
        label=_("Paid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: never expires."),
    )

    field_order = ["plan", "paid_until", "reason"]
