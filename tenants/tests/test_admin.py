"""Platform staff in the Django admin: the verification queue, market actions, plans, the audit log."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from tenants.models import AuditLogEntry, Market, MarketVerification
from tenants.services import market_documents_submit

from .conftest import pdf_upload, png_upload

pytestmark = pytest.mark.django_db

MARKETS = "/admin/tenants/market/"
QUEUE = "/admin/tenants/marketverification/"


def _pending(market):
    return market_documents_submit(
        market=market, documents={"business_license": pdf_upload(), "national_card": png_upload()}
    )


def test_admin_pages_render(staff_client, market_alpha, plans):
    verification = _pending(market_alpha)
    for url in [
        MARKETS,
        f"{MARKETS}{market_alpha.pk}/change/",
        QUEUE,
        f"{QUEUE}{verification.pk}/change/",
        "/admin/tenants/plan/",
        "/admin/tenants/subscriptionrenewal/",
        "/admin/tenants/auditlogentry/",
        "/admin/",
    ]:
        response = staff_client.get(url)
        assert response.status_code == 200, url


def test_queue_lists_pending_markets_with_their_documents(staff_client, market_alpha, market_beta, staff_user):
    _pending(market_alpha)
    MarketVerification.objects.create(market=market_beta, status=MarketVerification.Status.VERIFIED)
    queue = staff_client.get(QUEUE)
    assert "Alpha Shop" in queue.text and "Beta Store" not in queue.text
    everything = staff_client.get(QUEUE, {"status": "all"})
    assert "Alpha Shop" in everything.text and "Beta Store" in everything.text

    detail = staff_client.get(f"{QUEUE}{market_alpha.verification.pk}/change/")
    assert "Business licence" in detail.text and "Open the PDF" in detail.text and "<img" in detail.text


def test_approve_action_verifies_and_logs(staff_client, market_alpha, staff_user):
    verification = _pending(market_alpha)
    response = staff_client.post(QUEUE, {"action": "approve", "_selected_action": [verification.pk]})
    assert response.status_code == 302
    verification.refresh_from_db()
    assert verification.is_verified
    assert AuditLogEntry.objects.filter(market=market_alpha, action="verify", staff=staff_user).exists()
    assert LogEntry.objects.filter(object_id=str(verification.pk), user=staff_user).exists()


def test_reject_action_asks_for_a_reason_on_an_intermediate_page(staff_client, market_alpha, staff_user):
    verification = _pending(market_alpha)
    form = staff_client.post(QUEUE, {"action": "reject", "_selected_action": [verification.pk]})
    assert form.status_code == 200 and "Reject verification" in form.text and 'name="reason"' in form.text

    empty = staff_client.post(QUEUE, {"action": "reject", "_selected_action": [verification.pk], "apply": "1"})
    assert empty.status_code == 200 and "This field is required" in empty.text
    verification.refresh_from_db()
    assert verification.is_pending

    done = staff_client.post(
        QUEUE,
        {"action": "reject", "_selected_action": [verification.pk], "apply": "1", "reason": "Expired licence"},
    )
    assert done.status_code == 302
    verification.refresh_from_db()
    assert verification.status == "rejected" and verification.reason == "Expired licence"
    assert AuditLogEntry.objects.get(market=market_alpha, action="reject").reason == "Expired licence"


def test_suspend_and_reactivate_actions_with_a_reason(staff_client, market_alpha, staff_user):
    form = staff_client.post(MARKETS, {"action": "suspend", "_selected_action": [market_alpha.pk]})
    assert form.status_code == 200 and 'name="reason"' in form.text
    staff_client.post(
        MARKETS, {"action": "suspend", "_selected_action": [market_alpha.pk], "apply": "1", "reason": "Counterfeits"}
    )
    market_alpha.refresh_from_db()
    assert market_alpha.is_suspended and market_alpha.status_reason == "Counterfeits"
    assert LogEntry.objects.filter(object_id=str(market_alpha.pk), change_message__contains="Counterfeits").exists()

    staff_client.post(MARKETS, {"action": "reactivate", "_selected_action": [market_alpha.pk], "apply": "1"})
    market_alpha.refresh_from_db()
    assert market_alpha.is_active
    assert list(AuditLogEntry.objects.filter(market=market_alpha).values_list("action", flat=True)) == [
        "reactivate",
        "suspend",
    ]


def test_change_plan_action_sets_plan_and_date_and_is_audited(staff_client, market_alpha, plans, staff_user):
    staff_client.post(
        MARKETS,
        {
            "action": "change_plan",
            "_selected_action": [market_alpha.pk],
            "apply": "1",
            "plan": plans["business"].pk,
            "paid_until": "2030-01-31",
            "reason": "Partner deal",
        },
    )
    market_alpha.refresh_from_db()
    assert market_alpha.plan == plans["business"] and market_alpha.paid_until == datetime.date(2030, 1, 31)
    entry = AuditLogEntry.objects.get(market=market_alpha, action="plan_change")
    assert entry.details == {
        "before": {"plan": None, "paid_until": None},
        "after": {"plan": "business", "paid_until": "2030-01-31"},
    }
    assert entry.reason == "Partner deal" and entry.staff == staff_user


def test_market_filters(staff_client, market_alpha, market_beta, plans):
    today = timezone.localdate()
    Market.objects.filter(pk=market_alpha.pk).update(plan=plans["pro"], paid_until=today + datetime.timedelta(days=3))
    Market.objects.filter(pk=market_beta.pk).update(status=Market.Status.SUSPENDED)
    _pending(market_beta)

    def names(params):
        text = staff_client.get(MARKETS, params).text
        return {name for name in ("Alpha Shop", "Beta Store") if name in text}

    assert names({"subscription": "expiring"}) == {"Alpha Shop"}
    assert names({"subscription": "unlimited"}) == {"Beta Store"}
    assert names({"status__exact": "suspended"}) == {"Beta Store"}
    assert names({"verification": "pending"}) == {"Beta Store"}
    assert names({"verification": "not_submitted"}) == {"Alpha Shop"}
    assert names({"plan__id__exact": plans["pro"].pk}) == {"Alpha Shop"}
    assert names({"q": "alpha"}) == {"Alpha Shop"}


def test_audit_log_is_read_only_and_filterable(staff_client, market_alpha, staff_user):
    from tenants.services import market_reactivate, market_suspend

    market_suspend(market=market_alpha, staff=staff_user, reason="Spam")
    market_reactivate(market=market_alpha, staff=staff_user)
    listing = staff_client.get("/admin/tenants/auditlogentry/", {"action__exact": "suspend"})
    assert listing.status_code == 200 and "Spam" in listing.text
    assert "Add audit log entry" not in listing.text
    entry = AuditLogEntry.objects.get(action="suspend")
    assert staff_client.post(f"/admin/tenants/auditlogentry/{entry.pk}/delete/").status_code == 403


def test_status_and_plan_cannot_be_edited_directly(staff_client, market_alpha):
    page = staff_client.get(f"{MARKETS}{market_alpha.pk}/change/")
    assert 'name="status"' not in page.text and 'name="plan"' not in page.text
