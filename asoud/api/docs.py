"""Shared pieces of the OpenAPI description: the problem-details response per status code."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, inline_serializer
from rest_framework import serializers

Problem = inline_serializer(
    "Problem",
    {
        "type": serializers.CharField(),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False),
    },
)

_DESCRIPTIONS = {
    400: "Validation failed: `errors` maps each field to its messages.",
    401: "No valid access token.",
    403: "Signed in, but not allowed.",
    404: "Not found (or not yours).",
    409: "Conflict (an Idempotency-Key still running).",
    422: "The Idempotency-Key was used for a different request.",
    429: "Throttled: see Retry-After.",
    502: "The payment gateway refused or did not answer.",
    503: "The market is closed for now.",
}

_EXAMPLE = {
    "type": "https://asoud.ir/problems/validation",
    "title": "Your request has problems",
    "status": 400,
    "detail": "Enter a valid Iranian mobile number, for example 0912 345 6789.",
    "code": "validation",
    "errors": {"phone": ["Enter a valid Iranian mobile number, for example 0912 345 6789."]},
}


def errors(*codes: int, signed_in: bool = True) -> dict:
    """{(status, problem media type): problem response} for extend_schema(responses=…).

    Any request may be throttled (429); any that reads a token may meet an expired one (401).
    """
    codes = sorted({*codes, 429, *((401,) if signed_in else ())})
    return {
        (code, "application/problem+json"): OpenApiResponse(
            Problem,
            description=_DESCRIPTIONS.get(code, ""),
            examples=[OpenApiExample("problem", value=_EXAMPLE, response_only=True, status_codes=[str(code)])]
            if code == 400
            else [],
        )
        for code in codes
    }
