"""Tell people when a way to sign in to their account is added or removed (allauth.mfa's signals),
by SMS and on the site: if it was not them, they learn at once."""

from allauth.mfa import signals
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_noop

from .services import notify

# Display names, translated when the notification is rendered (the templates translate `factor`).
FACTOR_NAMES = {
    Authenticator.Type.TOTP: gettext_noop("Authenticator app"),
    Authenticator.Type.WEBAUTHN: gettext_noop("Passkey or security key"),
    Authenticator.Type.RECOVERY_CODES: gettext_noop("Recovery codes"),
}


def _factor_notify(event: str, user, authenticator) -> None:
    if authenticator.type == Authenticator.Type.RECOVERY_CODES and event == "second_factor_added":
        return  # created together with the first factor, which is already announced
    notify(user_id=user.pk, event=event, context={"factor": FACTOR_NAMES.get(authenticator.type, "")})


def on_added(sender, request, user, authenticator, **kwargs) -> None:
    _factor_notify("second_factor_added", user, authenticator)


def on_removed(sender, request, user, authenticator, **kwargs) -> None:
    _factor_notify("second_factor_removed", user, authenticator)


def on_reset(sender, request, user, authenticator, **kwargs) -> None:
    notify(user_id=user.pk, event="recovery_codes_reset", context={})


def connect_signals() -> None:
    signals.authenticator_added.connect(on_added, dispatch_uid="asoud_notify_factor_added")
    signals.authenticator_removed.connect(on_removed, dispatch_uid="asoud_notify_factor_removed")
    signals.authenticator_reset.connect(on_reset, dispatch_uid="asoud_notify_factor_reset")
