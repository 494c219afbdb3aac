"""Each fraud signal, flagged once with its reason (a second scan updates, never duplicates)."""

from django.utils import timezone, translation
from django_tenants.utils import tenant_context

from asoud.accounts.models import LoginAttempt
from asoud.payments.models import Payment
from asoud.platform_analytics.models import FraudSignal
from storefront.analytics.services import fraud_scan_all
from storefront.orders.models import Order, OrderEvent

from .factories import order_make, product_make, shopper


def _refused(order):
    OrderEvent.objects.create(order=order, from_status=Order.Status.SHIPPED, to_status=Order.Status.CANCELLED)


def test_every_signal(market_alpha):
    # Sign-in attempts and payments that tests running real servers committed earlier would raise
    # signals of their own: this test's transaction hides them (rolled back with it).
    LoginAttempt.objects.all().delete()
    Payment.objects.all().delete()
    FraudSignal.objects.all().delete()
    now = timezone.now()
    for _n in range(3):
        Payment.objects.create(market=market_alpha, amount=1_000_000, status=Payment.Status.FAILED,
                               mobile="+989120000777", order_id=1)  # fmt: skip
    Payment.objects.create(market=market_alpha, amount=1_000_000, status=Payment.Status.FAILED, mobile="+989120000888")
    for n in range(10):
        LoginAttempt.objects.create(mobile="+989120000999", ip=f"10.1.1.{n}", action="request", outcome="sent")
        LoginAttempt.objects.create(mobile=f"+98912100{n:04d}", ip="10.9.9.9", action="request", outcome="sent")
    with tenant_context(market_alpha):
        kettle = product_make("Kettle")
        order_make(user=shopper(), items=[(kettle, 12, 1000)], created_at=now, postal_code="1000000001")
        order_make(user=shopper(), items=[(kettle, 9, 1000)], created_at=now, postal_code="1000000002")
        for _n in range(3):
            order_make(user=shopper(), items=[(kettle, 1, 1000)], created_at=now, postal_code="2222222222")
        refuser = shopper()
        for _n in range(2):
            _refused(order_make(user=refuser, items=[(kettle, 1, 1000)], created_at=now, mobile="+989127777777",
                                status=Order.Status.CANCELLED, payment="cash", paid=False, postal_code="3000000000"))  # fmt: skip
    fraud_scan_all()
    signals = {(s.kind, s.subject): s for s in FraudSignal.objects.all()}
    assert set(signals) == {
        ("failed_payments", "+989120000777"), ("otp_number", "+989120000999"), ("otp_ip", "10.9.9.9"),
        ("quantity", signals_subject(signals, "quantity")), ("shared_address", "2222222222"),
        ("refused_cash", "+989127777777"),
    }  # fmt: skip
    failed = signals[("failed_payments", "+989120000777")]
    assert (failed.market_id, failed.count, failed.reason) == (market_alpha.pk, 3, "3 failed payments in 7 days")
    assert signals[("otp_ip", "10.9.9.9")].market_id is None
    assert signals[("otp_number", "+989120000999")].count == 10
    assert signals[("shared_address", "2222222222")].count == 3
    with translation.override("en"):
        assert signals[("refused_cash", "+989127777777")].explanation() == "2 cash orders refused on delivery"
    with translation.override("fa"):
        assert signals[("refused_cash", "+989127777777")].explanation() == "2 سفارش نقدی هنگام تحویل پس زده شد"
    quantity = signals[("quantity", signals_subject(signals, "quantity"))]
    assert quantity.reason == "12 × “Kettle” in one order"
    fraud_scan_all()
    assert FraudSignal.objects.count() == 6


def signals_subject(signals, kind):
    return next(subject for k, subject in signals if k == kind)
