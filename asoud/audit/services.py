import json
import logging

from asoud.core.http import client_ip
from asoud.observability import context

from .models import AuditEvent

logger = logging.getLogger(__name__)


def audit_record(*, action: str, actor=None, request=None, market=None, target: str = "", **metadata) -> AuditEvent:
    """Write one audit event. The actor, market, address and request id come from `request` when
    not given; `metadata` is stored as JSON (values that JSON cannot hold are stored as text)."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if market is None and request is not None:
        tenant = getattr(request, "tenant", None)
        market = tenant if tenant is not None and not getattr(tenant, "is_public", True) else None
    request_id = getattr(request, "request_id", None) or context.request_id.get() or ""
    return AuditEvent.objects.create(
        action=str(action)[:40],
        actor=actor if getattr(actor, "pk", None) else None,
        market=market if getattr(market, "pk", None) else None,
        target=str(target or "")[:200],
        ip=client_ip(request) if request is not None else None,
        request_id=request_id[:64],
        metadata=_json_safe(metadata),
    )


def _json_safe(metadata: dict) -> dict:
    return json.loads(json.dumps(metadata, default=str))
