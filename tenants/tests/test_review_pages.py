"""The staff review pages (issue 15, item 16): a market's verification and a person's identity document
show the documents inline, safely (images as <img> from the permission-checked private-file views,
PDFs as links), with Approve and Reject on the page itself."""

import re

import pytest
from django.test import Client

from asoud.accounts.models import IdentityDocument, User
from tenants.models import MarketVerification
from tenants.services import market_documents_submit

from .conftest import pdf_upload, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(market_alpha):
    return market_documents_submit(
        market=market_alpha, documents={"business_license": pdf_upload(), "national_card": png_upload()}
    )


def test_the_verification_page_shows_the_documents_and_review_buttons(staff_client, pending):
    page = staff_client.get(f"/admin/tenants/marketverification/{pending.pk}/change/").content.decode()
    images = re.findall(r'<img src="(/admin/tenants/marketverification/documents/\d+/file/)"', page)
    assert len(images) == 1  # the card photo inline; the licence (a PDF) as a link
    assert "Open the PDF" in page
    assert 'data-testid="review-buttons"' in page and 'value="approve"' in page and 'value="reject"' in page
    image = staff_client.get(images[0])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff" and "sandbox" in image["Content-Security-Policy"]
    # Nobody else can open it: not a shopper, not an anonymous visitor.
    shopper = Client(HTTP_HOST="localhost")
    shopper.force_login(User.objects.create_user("+989350007788"))
    assert shopper.get(images[0]).status_code in (302, 404)
    assert Client(HTTP_HOST="localhost").get(images[0]).status_code in (302, 404)


def test_approve_on_the_page_verifies_the_market(staff_client, pending):
    response = staff_client.post(
        "/admin/tenants/marketverification/",
        {"action": "approve", "index": "0", "select_across": "0", "_selected_action": pending.pk},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == MarketVerification.Status.VERIFIED


def test_reject_on_the_page_asks_for_the_reason_first(staff_client, pending):
    ask = staff_client.post(
        "/admin/tenants/marketverification/",
        {"action": "reject", "index": "0", "select_across": "0", "_selected_action": pending.pk},
    )
    assert ask.status_code == 200 and 'name="reason"' in ask.content.decode()
    pending.refresh_from_db()
    assert pending.status == MarketVerification.Status.PENDING


def test_an_identity_document_is_shown_inline_and_approved_from_its_page(staff_client):
    person = User.objects.create_user("+989350007799")
    document = IdentityDocument.objects.create(user=person, kind="national_card", file=png_upload())
    page = staff_client.get(f"/admin/accounts/identitydocument/{document.pk}/change/").content.decode()
    assert f'<img class="document-preview" src="/accounts/profile/documents/{document.pk}/file/"' in page
    assert 'data-testid="review-buttons"' in page
    staff_client.post(
        "/admin/accounts/identitydocument/",
        {"action": "approve", "index": "0", "select_across": "0", "_selected_action": document.pk},
    )
    document.refresh_from_db()
    assert document.status == IdentityDocument.Status.APPROVED
