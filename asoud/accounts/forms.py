from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from .models import User
from .phone import normalize_mobile


class MobileField(forms.CharField):
    """Accepts 09…, 9…, 989…, +98… and Persian digits; cleans to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 24)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel", "dir": "ltr", "placeholder": "09xx xxx xxxx"}
        )

    def clean(self, value):
        return normalize_mobile(super().clean(value))


class AdminUserCreationForm(SetPasswordMixin, forms.ModelForm):
    """Staff create users by mobile number; a password is optional (only staff need one)."""

    mobile = MobileField()
    password1, password2 = SetPasswordMixin.create_password_fields()

    class Meta:
        model = User
        fields = ["mobile", "name", "email"]

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        if User.objects.filter(mobile=mobile).exists():
            raise forms.ValidationError(_("A user with this mobile number already exists."))
        return mobile

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].required = False
        self.fields["password2"].required = False

    def clean(self):
        self.validate_passwords()
        return super().clean()

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password1"):
            user.set_password(self.cleaned_data["password1"])
        else:
            user.set_unusable_password()
        if commit:
            user.save()
        return user
