"""The audit log of staff actions on markets."""

from __future__ import annotations

from ..models import AuditLogEntry, Market


def audit_record(*, staff, action: str, market: Market, reason: str = "", details: dict | None = None) -> AuditLogEntry:
    """Write one entry; call it inside the transaction of the action it records."""
    return AuditLogEntry.objects.create(
        staff=staff,
        action=action,
        market=market,
        market_label=market.slug,
        reason=reason,
        details=details or {},
    )
