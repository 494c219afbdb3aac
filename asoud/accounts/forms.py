from allauth.account.forms import ConfirmLoginCodeForm, RequestLoginCodeForm
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from asoud.core.phone import normalize_mobile
from asoud.core.redis import redis_available
from asoud.core.uploads import validate_document_upload

from . import services
from .models import Address, IdentityDocument, User
from .validators import normalize_iban, normalize_national_code, normalize_postal_code, to_latin_digits


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


def _lock_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return ngettext(
        "Too many wrong codes for this number. Try again in %(minutes)d minute.",
        "Too many wrong codes for this number. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def _code_spent_message() -> str:
    from allauth.account.adapter import get_adapter

    return str(get_adapter().error_messages["too_many_login_attempts"])


class RequestCodeForm(RequestLoginCodeForm):
    """Step 1: the mobile number. Locked numbers and throttled requests are refused and recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("Mobile number")
        self.fields["phone"].widget.attrs.update({"autofocus": True})

    def clean_phone(self) -> str:
        mobile = self.cleaned_data.get("phone")
        request = allauth_context.request
        if not redis_available():
            # Rate limits and codes live in Redis: refuse rather than send codes nobody can check.
            raise forms.ValidationError(
                _("Sign-in by code is unavailable right now. Please try again in a minute."), code="unavailable"
            )
        locked_for = services.otp_lock_remaining(mobile=mobile)
        if locked_for:
            services.login_attempt_record(mobile=mobile, request=request, action="request", outcome="locked")
            raise forms.ValidationError(_lock_message(locked_for), code="locked")
        try:
            return super().clean_phone()
        except forms.ValidationError:
            services.login_attempt_record(mobile=mobile, request=request, action="request", outcome="throttled")
            raise forms.ValidationError(
                _("Too many code requests. Please wait a few minutes and try again."), code="throttled"
            ) from None


class ConfirmCodeForm(ConfirmLoginCodeForm):
    """Step 2: the 6-digit code. Every entry is recorded; repeated failures lock the number."""

    def __init__(self, *args, mobile: str = "", **kwargs):
        self.mobile = mobile
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code")
        self.fields["code"].widget.attrs.update(
            {
                "inputmode": "numeric",
                "pattern": "[0-9۰-۹]*",
                "maxlength": 6,
                "dir": "ltr",
                "autofocus": True,
                "placeholder": "••••••",
                "autocomplete": "one-time-code",
            }
        )

    def clean_code(self) -> str:
        request = allauth_context.request
        self.cleaned_data["code"] = to_latin_digits(self.cleaned_data.get("code", "")).strip()
        locked_for = services.otp_lock_remaining(mobile=self.mobile)
        if locked_for:
            services.login_attempt_record(mobile=self.mobile, request=request, action="verify", outcome="locked")
            raise forms.ValidationError(_lock_message(locked_for), code="locked")
        check = services.otp_check_take(mobile=self.mobile, code=self.expected_code or "")
        if check.refused == "number":
            services.login_attempt_record(mobile=self.mobile, request=request, action="verify", outcome="locked")
            locked_for = services.otp_lock_remaining(mobile=self.mobile) or settings.OTP_LOCK_SECONDS
            raise forms.ValidationError(_lock_message(locked_for), code="locked")
        if check.refused == "code":
            raise forms.ValidationError(_code_spent_message(), code="spent")
        try:
            code = super().clean_code()
        except forms.ValidationError:
            services.login_attempt_record(mobile=self.mobile, request=request, action="verify", outcome="wrong_code")
            locked_for = services.otp_lock_remaining(mobile=self.mobile)
            if locked_for:  # this very failure locked the number: say so now
                raise forms.ValidationError(_lock_message(locked_for), code="locked") from None
            if check.last_try:
                raise forms.ValidationError(_code_spent_message(), code="spent") from None
            raise forms.ValidationError(
                _("That code is not right. Check the SMS and try again."), code="wrong"
            ) from None
        services.otp_check_succeeded(mobile=self.mobile, code=self.expected_code or "")
        services.login_attempt_record(mobile=self.mobile, request=request, action="verify", outcome="success")
        return code


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    national_code = forms.CharField(label=_("National code"), max_length=14, required=False)
    iban = forms.CharField(
        label=_("IBAN (Sheba)"), max_length=40, required=False, help_text=_("IR followed by 24 digits")
    )
    account_holder = forms.CharField(label=_("Account holder"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("national_code", "iban"):
            self.fields[name].widget.attrs.update(
                {"dir": "ltr", "inputmode": "numeric" if name == "national_code" else "text"}
            )

    def clean_national_code(self) -> str:
        value = self.cleaned_data["national_code"]
        return normalize_national_code(value) if value else ""

    def clean_iban(self) -> str:
        value = self.cleaned_data["iban"]
        return normalize_iban(value) if value else ""

    def clean(self):
        data = super().clean()
        if data.get("iban") and not data.get("account_holder"):
            self.add_error("account_holder", _("Enter the name of the account holder."))
        return data


class AddressForm(forms.ModelForm):
    receiver_mobile = MobileField(label=_("Receiver's mobile"))

    class Meta:
        model = Address
        fields = [
            "label",
            "receiver_name",
            "receiver_mobile",
            "province",
            "city",
            "street",
            "postal_code",
            "is_default",
        ]
        widgets = {"street": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postal_code"].widget.attrs.update({"dir": "ltr", "inputmode": "numeric"})

    def clean_postal_code(self) -> str:
        return normalize_postal_code(self.cleaned_data["postal_code"])


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=IdentityDocument.Kind.choices)
    file = forms.FileField(label=_("File"), help_text=_("A photo (JPEG, PNG, WebP) or a PDF, up to 8 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document_upload(upload)
        return upload
