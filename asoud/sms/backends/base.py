"""What every SMS backend shares: the message it is given, what it answers, and how it fails."""

from dataclasses import dataclass, field
from datetime import datetime

import requests
from django.conf import settings
from urllib3.exceptions import NameResolutionError, NewConnectionError


@dataclass(frozen=True)
class OutgoingSms:
    """A message as a backend sees it: plain values, no database row."""

    id: int
    to: str  # E.164, +989XXXXXXXXX
    kind: str  # "otp" or "text"
    text: str  # the full text, for plain-text sends
    params: dict = field(default_factory=dict)  # {"code": "123456"} for an OTP

    @property
    def national_number(self) -> str:
        """09XXXXXXXXX, the form both Iranian providers document in their examples."""
        return "0" + self.to.removeprefix("+98")

    @property
    def is_otp(self) -> bool:
        return self.kind == "otp"


@dataclass(frozen=True)
class SendResult:
    provider_message_id: str = ""
    template: str = ""  # the provider template used, if any


class SmsError(Exception):
    """A provider did not take the message. `retryable` says whether trying again later can help:
    network and provider server trouble, yes; a bad key, no credit or an invalid request, no (the
    next provider in SMS_BACKENDS may still take it)."""

    retryable = False
    kind = "error"

    def __init__(self, message: str, *, status: int | None = None, maybe_sent: bool = False):
        super().__init__(message)
        self.status = status
        # The request left and no answer came back (timeout, connection cut): the provider may have
        # taken the message, so it must not be handed to another provider before this one is asked.
        self.maybe_sent = maybe_sent

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} (status {self.status})" if self.status is not None else text


class SmsAuthError(SmsError):
    kind = "auth"


class SmsCreditError(SmsError):
    kind = "credit"


class SmsInvalidRequestError(SmsError):
    kind = "invalid"


class SmsServerError(SmsError):
    kind = "server"
    retryable = True


class SmsNetworkError(SmsError):
    kind = "network"
    retryable = True


class SmsBackend:
    """Base class. Subclasses set `name` and implement `send`, raising an SmsError subclass on failure."""

    name = ""

    def send(self, message: OutgoingSms) -> SendResult:
        raise NotImplementedError

    def find_sent(self, message: OutgoingSms, *, since: datetime) -> SendResult | None:
        """Whether an earlier attempt already handed `message` to this provider (its answer was
        lost): the provider's record of it, or None when it has none or the provider cannot tell.
        Asked before a message is sent again; raises an SmsError when the provider does not answer."""
        return None

    def configuration_errors(self) -> list[str]:
        """Settings this backend needs but does not have (reported by `manage.py check`)."""
        return []


class HttpBackend(SmsBackend):
    """A backend speaking to a provider over HTTP with `requests`, with timeouts."""

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            return requests.request(method, url, timeout=settings.SMS_TIMEOUT, **kwargs)
        except requests.Timeout as error:
            raise SmsNetworkError(
                f"{self.name}: no answer within {settings.SMS_TIMEOUT:g} s ({error})",
                maybe_sent=may_have_arrived(error),
            ) from error
        except requests.RequestException as error:
            raise SmsNetworkError(
                f"{self.name}: could not reach the provider ({error})", maybe_sent=may_have_arrived(error)
            ) from error

    def json_body(self, response: requests.Response) -> dict | None:
        try:
            body = response.json()
        except ValueError:
            return None
        return body if isinstance(body, dict) else None


def may_have_arrived(error: requests.RequestException) -> bool:
    """False when the request surely never reached the provider (no connection was made)."""
    if isinstance(error, requests.ConnectTimeout):
        return False
    if isinstance(error, requests.Timeout):
        return True  # connected and sent; the answer did not come in time
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return not isinstance(reason, NewConnectionError | NameResolutionError)
