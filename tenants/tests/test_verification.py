"""Owners send verification documents from the dashboard; staff approve or reject them."""

import logging

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.models import AuditLogEntry, MarketVerification
from tenants.services import market_documents_submit, market_verification_approve, market_verification_reject

from .conftest import pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _submit(market):
    return market_documents_submit(
        market=market, documents={"business_license": pdf_upload(), "national_card": png_upload()}
    )


def _assert_owner_notified(caplog, market, event):
    assert f"Owner notification {event} for market {market.pk}" in caplog.text
    if apps.is_installed("asoud.notifications"):
        from asoud.notifications.models import Notification

        assert Notification.objects.filter(user_id=market.owner_id, event=event, market_id=market.pk).exists()


def test_owner_uploads_documents_and_waits_for_review(owner_client, market_alpha):
    page = owner_client.get("/dashboard/verification/")
    assert page.status_code == 200
    assert "not verified yet" in page.text

    response = owner_client.post(
        "/dashboard/verification/", {"business_license": pdf_upload(), "national_card": png_upload()}
    )
    assert response.status_code == 302
    verification = MarketVerification.objects.get(market=market_alpha)
    assert verification.status == MarketVerification.Status.PENDING and verification.submitted_at
    assert sorted(verification.documents.values_list("kind", flat=True)) == ["business_license", "national_card"]

    page = owner_client.get("/dashboard/verification/")
    assert "Waiting for review" in page.text and "uploaded and wait for review" in page.text


def test_a_file_that_is_not_an_image_or_pdf_is_refused(owner_client, market_alpha):
    fake = SimpleUploadedFile("licence.pdf", b"MZ\x90\x00 not really a pdf", "application/pdf")
    response = owner_client.post("/dashboard/verification/", {"business_license": fake, "national_card": png_upload()})
    assert response.status_code == 200
    assert "Attach an image (JPEG, PNG, WebP or GIF) or a PDF." in response.text
    assert not MarketVerification.objects.filter(market=market_alpha).exists()


def test_only_the_owner_reaches_the_billing_pages(client, market_alpha, market_beta):
    from django_tenants.utils import tenant_context

    from asoud.wallet.tests.factories import UserFactory
    from storefront.team.models import TeamMember

    manager = UserFactory()
    with tenant_context(market_alpha):
        TeamMember.objects.create(user=manager, role=TeamMember.Role.MANAGER)
    for user in (market_beta.owner, manager):
        client.force_login(user)
        for url in ("/dashboard/verification/", "/dashboard/subscription/"):
            assert client.get(url, HTTP_HOST="alpha.localhost").status_code == 403


def test_approve_marks_verified_records_audit_and_notifies_the_owner(
    market_alpha, staff_user, caplog, django_capture_on_commit_callbacks
):
    verification = _submit(market_alpha)
    with caplog.at_level(logging.INFO, logger="tenants.notify"), django_capture_on_commit_callbacks(execute=True):
        market_verification_approve(verification=verification, staff=staff_user)
    verification.refresh_from_db()
    assert verification.status == MarketVerification.Status.VERIFIED
    assert verification.reviewed_by == staff_user and verification.reviewed_at
    entry = AuditLogEntry.objects.get(market=market_alpha)
    assert (entry.action, entry.staff, entry.market_label) == ("verify", staff_user, "alpha")
    _assert_owner_notified(caplog, market_alpha, "market_verified")


def test_reject_stores_the_reason_shows_it_to_the_owner_and_allows_a_new_submission(
    owner_client, market_alpha, staff_user, caplog, django_capture_on_commit_callbacks
):
    verification = _submit(market_alpha)
    with caplog.at_level(logging.INFO, logger="tenants.notify"), django_capture_on_commit_callbacks(execute=True):
        market_verification_reject(verification=verification, staff=staff_user, reason="The licence is blurred.")
    verification.refresh_from_db()
    assert verification.status == MarketVerification.Status.REJECTED
    assert verification.reason == "The licence is blurred."
    entry = AuditLogEntry.objects.get(market=market_alpha, action="reject")
    assert entry.reason == "The licence is blurred."
    _assert_owner_notified(caplog, market_alpha, "market_rejected")

    page = owner_client.get("/dashboard/verification/")
    assert "The licence is blurred." in page.text and "Upload new documents" in page.text

    owner_client.post("/dashboard/verification/", {"business_license": pdf_upload(), "national_card": png_upload()})
    verification.refresh_from_db()
    assert verification.status == MarketVerification.Status.PENDING and verification.reason == ""


def test_reject_needs_a_reason_and_only_pending_markets_are_decided(market_alpha, staff_user):
    verification = _submit(market_alpha)
    with pytest.raises(ValidationError):
        market_verification_reject(verification=verification, staff=staff_user, reason="  ")
    market_verification_approve(verification=verification, staff=staff_user)
    with pytest.raises(ValidationError):
        market_verification_approve(verification=verification, staff=staff_user)
    with pytest.raises(ValidationError):
        _submit(market_alpha)  # verified already
    assert AuditLogEntry.objects.filter(market=market_alpha).count() == 1


def test_verification_page_is_translated(owner_client):
    owner_client.cookies["asoud_language"] = "fa"
    page = owner_client.get("/dashboard/verification/")
    assert "تأیید" in page.text or "احراز" in page.text
