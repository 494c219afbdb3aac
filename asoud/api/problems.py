"""Every API error as RFC 9457 problem details (application/problem+json), in the request's language.

{"type": "https://asoud.ir/problems/validation", "title": "…", "status": 400, "detail": "…",
 "code": "invalid", "errors": {"field": ["message", …]}}
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from asoud.payments.exceptions import PaymentError, PaymentNotFound
from asoud.wallet.services import WalletError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://asoud.ir/problems/"


class MarketClosed(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "market_closed"

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(_("This market is closed for now. Please come back later."))


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _titles() -> dict[int, str]:
    return {
        400: _("Your request has problems"),
        401: _("Sign in first"),
        403: _("You may not do this"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        413: _("Too large"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
        500: _("Something went wrong on our side"),
        502: _("The payment gateway did not answer as expected"),
        503: _("Temporarily unavailable"),
    }


def problem(
    *, status_code: int, detail: str, code: str, errors: dict | None = None, headers: dict | None = None
) -> Response:
    body = {
        "type": TYPE_BASE + code,
        "title": _titles().get(status_code, _("Error")),
        "status": status_code,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def _flatten(detail) -> dict[str, list[str]]:
    """DRF's nested error details as {"field": [messages]}; nested fields get dotted names."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for inner, messages in _flatten(value).items():
                    flat[f"{key}.{inner}"] = messages
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for inner, messages in _flatten(item).items():
                        flat[f"{key}.{index}.{inner}"] = messages
            else:
                flat[key] = [str(message) for message in (value if isinstance(value, list) else [value])]
        return flat
    return {"non_field_errors": [str(message) for message in (detail if isinstance(detail, list) else [detail])]}


def _django_validation_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for e in errors for m in e.messages]
            for field, errors in error.error_dict.items()
        }
    return {"non_field_errors": [str(message) for message in error.messages]}


def validation_problem(errors: dict[str, list[str]], code: str = "validation") -> Response:
    messages = [message for field in errors.values() for message in field]
    detail = messages[0] if len(messages) == 1 else _("Please correct the errors below.")
    return problem(status_code=400, detail=detail, code=code, errors=errors)


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: the same JSON shape for every error, never an HTML page."""
    set_rollback()
    if isinstance(exc, Http404):
        return problem(status_code=404, detail=_("There is nothing here."), code="not_found")
    if isinstance(exc, PermissionDenied):
        return problem(status_code=403, detail=str(exc) or _("You may not do this."), code="permission_denied")
    if isinstance(exc, DjangoValidationError):
        errors = _django_validation_errors(exc)
        codes = {getattr(e, "code", None) for e in getattr(exc, "error_list", [])}
        code = next(iter(codes)) if len(codes) == 1 and None not in codes else "validation"
        return validation_problem(errors, code=code)
    if isinstance(exc, WalletError):
        return problem(status_code=400, detail=str(exc.message), code="wallet")
    if isinstance(exc, PaymentNotFound):
        return problem(status_code=404, detail=str(exc.message), code="payment_not_found")
    if isinstance(exc, PaymentError):
        return problem(status_code=502, detail=str(exc.message), code="payment_gateway")
    if isinstance(exc, exceptions.ValidationError):
        return validation_problem(_flatten(exc.detail))
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc)
    # A bug: log it (and let error trackers see it), answer with the same shape as every other error.
    request = context.get("request")
    logger.exception("Unhandled error in the API", exc_info=exc)
    got_request_exception.send(sender=None, request=getattr(request, "_request", request))
    return problem(status_code=500, detail=_("Please try again in a moment."), code="server_error")


def _api_exception(exc: exceptions.APIException) -> Response:
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait))
        detail = _("Too many requests. Please wait a little and try again.")
        return problem(status_code=429, detail=detail, code="throttled", headers=headers)
    if isinstance(exc, MarketClosed):
        headers["Retry-After"] = "3600"
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        detail = _("Sign in to continue (send a valid access token).")
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = _("This address does not accept that method.")
    elif isinstance(exc, exceptions.NotFound):
        detail = _("There is nothing here.")
    elif isinstance(exc, exceptions.PermissionDenied) and exc.detail == exceptions.PermissionDenied.default_detail:
        detail = _("You may not do this.")
    elif isinstance(exc, exceptions.ParseError):
        detail = _("The request body is not valid JSON.")
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        detail = _("Send the request body as JSON.")
    return problem(status_code=exc.status_code, detail=str(detail), code=str(code), headers=headers)
