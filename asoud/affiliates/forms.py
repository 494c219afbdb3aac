from django import forms
from django.utils.translation import gettext_lazy as _

from asoud.core.uploads import validate_image_upload
from asoud.marketplace.forms import TomanField

from .models import handle_validator


class JoinForm(forms.Form):
    handle = forms.CharField(
        label=_("Your handle"),
        max_length=30,
        help_text=_("Your page will be at /@handle — lowercase English letters, digits and hyphens."),
    )
    bio = forms.CharField(
        label=_("A line about you"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    accept_terms = forms.BooleanField(label=_("I accept the marketer terms"), required=True)

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip().lower()
        handle_validator(handle)
        return handle


class PageForm(forms.Form):
    bio = forms.CharField(label=_("Bio"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    avatar = forms.ImageField(label=_("Avatar"), required=False, validators=[validate_image_upload])
    avatar_remove = forms.BooleanField(label=_("Remove the avatar"), required=False)


class WithdrawalForm(forms.Form):
    amount = TomanField(label=_("Amount (Toman)"), min_value=1)

    @property
    def rials(self) -> int:
        return self.cleaned_data["amount"] * 10
