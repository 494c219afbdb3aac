import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from asoud.core.formatting import TO_LATIN as _DIGITS
from asoud.core.formatting import toman as format_toman

_SEPARATORS = re.compile(r"[\s,٬،_\u200c]")


class TopUpForm(forms.Form):
    """How much to add, in Toman as people think of it; `rials` is what the ledger stores."""

    amount = forms.CharField(
        label=_("Amount (Toman)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"}),
    )

    def clean_amount(self) -> int:
        raw = _SEPARATORS.sub("", self.cleaned_data["amount"].translate(_DIGITS))
        if not raw.isascii() or not raw.isdigit():
            raise forms.ValidationError(_("Enter the amount as a whole number of Toman."), code="invalid")
        toman = int(raw)
        low, high = settings.WALLET_TOPUP_MIN_TOMAN, settings.WALLET_TOPUP_MAX_TOMAN
        if not low <= toman <= high:
            raise forms.ValidationError(
                _("Enter an amount between %(low)s and %(high)s."),
                code="range",
                params={"low": format_toman(low * 10), "high": format_toman(high * 10)},
            )
        return toman

    @property
    def rials(self) -> int:
        return self.cleaned_data["amount"] * 10
