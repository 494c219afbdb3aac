"""`Idempotency-Key` for writes that must not happen twice (placing an order, a payment, a withdrawal).

The first successful (2xx) answer for a key is kept in Redis for a day, per user and per address, and
returned again for a repeat: same status and body, plus `Idempotent-Replayed: true`. A repeat while
the first is still running answers 409; the same key with a different body answers 422. Failures
(4xx/5xx) are not kept: the app may fix the request and retry with the same key.
"""

import hashlib
import json
from functools import wraps

from django.core.cache import cache
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from .problems import problem

KEEP_SECONDS = 24 * 60 * 60
RUNNING_SECONDS = 120

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string (a UUID) per intended action; a repeat returns the first result.",
)


def _fingerprint(request) -> str:
    try:
        body = json.dumps(request.data, sort_keys=True, default=str)
    except TypeError:
        body = ""
    return hashlib.sha256(body.encode()).hexdigest()


def idempotent(method):
    @wraps(method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            return method(self, request, *args, **kwargs)
        if len(key) > 200 or not key.isprintable():
            return problem(
                status_code=400,
                detail=_("The Idempotency-Key header is too long or not printable."),
                code="idempotency_key",
            )
        digest = hashlib.sha256(f"{request.user.pk}|{request.path}|{key}".encode()).hexdigest()
        cache_key = f"api:idempotency:{digest}"
        fingerprint = _fingerprint(request)
        if not cache.add(cache_key, {"state": "running", "fingerprint": fingerprint}, RUNNING_SECONDS):
            stored = cache.get(cache_key) or {}
            if stored.get("fingerprint") != fingerprint:
                return problem(
                    status_code=422,
                    detail=_("This Idempotency-Key was already used for a different request."),
                    code="idempotency_mismatch",
                )
            if stored.get("state") == "done":
                return Response(stored["data"], status=stored["status"], headers={"Idempotent-Replayed": "true"})
            return problem(
                status_code=409,
                detail=_("The first request with this key is still running."),
                code="idempotency_running",
            )
        try:
            response = method(self, request, *args, **kwargs)
        except BaseException:
            cache.delete(cache_key)
            raise
        if 200 <= response.status_code < 300:
            cache.set(
                cache_key,
                {"state": "done", "fingerprint": fingerprint, "status": response.status_code, "data": response.data},
                KEEP_SECONDS,
            )
        else:
            cache.delete(cache_key)
        return response

    return wrapper
