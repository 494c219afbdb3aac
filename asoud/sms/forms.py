from django import forms
from django.utils.translation import gettext_lazy as _

from asoud.core.phone import normalize_mobile


class OutboxFilterForm(forms.Form):
    to = forms.CharField(label=_("Recipient"), required=False, max_length=32)

    def clean_to(self) -> str:
        value = self.cleaned_data["to"].strip()
        return normalize_mobile(value) if value else ""
