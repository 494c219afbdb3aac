from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asoud.core.http import client_ip, is_safe_next

from . import services
from .forms import MobileField
from .models import User
from .second_factor import second_factor_enabled


class AccountAdapter(DefaultAccountAdapter):
    """Phone-only accounts: the mobile number (E.164) on our User is the identity."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _("That was the last try for this code. Request a new code to continue."),
        "rate_limited": _("Please wait a little before requesting another code."),
    }

    def phone_form_field(self, **kwargs):
        return MobileField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return phone

    def get_user_by_phone(self, phone: str):
        # Signing up and signing in are one flow: a new number gets an account, which only becomes
        # usable once its code is entered (unverified ones are removed by a periodic task).
        return services.user_get_or_create_for_mobile(mobile=phone)

    def get_phone(self, user: User):
        return (user.mobile, user.phone_verified)

    def set_phone(self, user: User, phone: str, verified: bool) -> None:
        user.mobile = phone
        user.phone_verified = verified
        user.save(update_fields=["mobile", "phone_verified"])

    def set_phone_verified(self, user: User, phone: str) -> None:
        if not user.phone_verified:
            user.phone_verified = True
            user.save(update_fields=["phone_verified"])

    def send_verification_code_sms(self, user: User, phone: str, code: str, **kwargs) -> None:
        services.otp_send(mobile=phone, code=code, request=self.request)

    def is_open_for_signup(self, request) -> bool:
        return True

    def get_reauthentication_methods(self, user) -> list[dict]:
        """With a second factor, that factor; without one, a fresh SMS code (or the staff password)."""
        methods = super().get_reauthentication_methods(user)
        if second_factor_enabled(user):
            return [method for method in methods if method["id"].startswith("mfa_")]
        sms = {"id": "code", "description": _("Get a code by SMS"), "url": reverse("account_reauthenticate_code")}
        return [sms, *methods] if user.is_authenticated else methods

    def is_safe_url(self, url: str) -> bool:
        """Where allauth may send the visitor after signing in: the project's one rule (own hosts)."""
        return is_safe_next(self.request, url)

    def get_client_ip(self, request) -> str:
        """allauth's per-IP limits use the same address as the rest of the site (trusted proxies only)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip
