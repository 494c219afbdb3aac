"""Market verification: owners submit documents, staff approve or reject them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asoud.core.uploads import document_clean

from ..models import AuditLogEntry, Market, MarketDocument, MarketVerification
from ..notify import market_owner_notify
from .audit import audit_record


def _verification_locked(market: Market) -> MarketVerification:
    verification, _created = MarketVerification.objects.get_or_create(market=market)
    return MarketVerification.objects.select_for_update().get(pk=verification.pk)


@transaction.atomic
def market_documents_submit(*, market: Market, documents: dict[str, UploadedFile]) -> MarketVerification:
    """Store the owner's documents (kind → file) and put the market in the review queue."""
    if not documents:
        raise ValidationError(_("Upload at least one document."), code="empty")
    clean = {}
    for kind, upload in documents.items():
        if kind not in MarketDocument.Kind.values:
            raise ValidationError(_("Unknown kind of document."), code="kind")
        clean[kind] = document_clean(upload)
    verification = _verification_locked(market)
    if verification.is_verified:
        raise ValidationError(_("This market is verified already."), code="verified")
    for kind, document in clean.items():
        MarketDocument.objects.create(verification=verification, kind=kind, file=document.file)
    verification.status = MarketVerification.Status.PENDING
    verification.submitted_at = timezone.now()
    verification.reason = ""
    verification.save(update_fields=["status", "submitted_at", "reason"])
    return verification


def _pending_locked(verification: MarketVerification) -> MarketVerification:
    locked = MarketVerification.objects.select_for_update().select_related("market").get(pk=verification.pk)
    if not locked.is_pending:
        raise ValidationError(
            _("%(market)s is not waiting for review.") % {"market": locked.market.name}, code="not_pending"
        )
    return locked


@transaction.atomic
def market_verification_approve(*, verification: MarketVerification, staff) -> MarketVerification:
    verification = _pending_locked(verification)
    verification.status = MarketVerification.Status.VERIFIED
    verification.reason = ""
    verification.reviewed_at = timezone.now()
    verification.reviewed_by = staff
    verification.save(update_fields=["status", "reason", "reviewed_at", "reviewed_by"])
    audit_record(staff=staff, action=AuditLogEntry.Action.VERIFY, market=verification.market)
    market_owner_notify(market=verification.market, event="market_verified", context={})
    return verification


@transaction.atomic
def market_verification_reject(*, verification: MarketVerification, staff, reason: str) -> MarketVerification:
    """Reject with a reason the owner reads on the dashboard (and in the notification)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the owner a reason."), code="reason")
    verification = _pending_locked(verification)
    verification.status = MarketVerification.Status.REJECTED
    verification.reason = reason
    verification.reviewed_at = timezone.now()
    verification.reviewed_by = staff
    verification.save(update_fields=["status", "reason", "reviewed_at", "reviewed_by"])
    audit_record(staff=staff, action=AuditLogEntry.Action.REJECT, market=verification.market, reason=reason)
    market_owner_notify(market=verification.market, event="market_rejected", context={"reason": reason})
    return verification
