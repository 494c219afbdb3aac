"""Events raised by other areas reach their people: low stock, wallet credits, suspension."""

import pytest
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.notifications.models import Notification
from asoud.wallet.services import wallet_credit

pytestmark = pytest.mark.django_db


def test_low_stock_tells_the_owner_once_when_stock_falls_to_the_threshold(
    market_alpha, django_capture_on_commit_callbacks
):
    from storefront.catalog.models import Product, StockMovement
    from storefront.catalog.services.inventory import stock_adjust

    with tenant_context(market_alpha):
        lamp = Product.objects.create(
            title="Desk lamp", slug="desk-lamp-low", price_main=10_000, stock=5, low_stock_threshold=3
        )
        with django_capture_on_commit_callbacks(execute=True):
            stock_adjust(product=lamp, delta=-1, reason=StockMovement.Reason.SALE)  # 4: above the threshold
        with django_capture_on_commit_callbacks(execute=True):
            stock_adjust(product=lamp, delta=-1, reason=StockMovement.Reason.SALE)  # 3: reaches it
        with django_capture_on_commit_callbacks(execute=True):
            stock_adjust(product=lamp, delta=-1, reason=StockMovement.Reason.SALE)  # 2: already low
    notices = Notification.objects.filter(user_id=market_alpha.owner_id, event="low_stock")
    assert notices.count() == 1


def test_a_wallet_credit_is_announced(django_capture_on_commit_callbacks):
    user = User.objects.create_user("09357770011")
    with django_capture_on_commit_callbacks(execute=True):
        wallet_credit(user=user, amount=500_000, kind="adjustment", reference="test", idempotency_key="credit-notice-1")
    with django_capture_on_commit_callbacks(execute=True):  # the same movement again: no second notice
        wallet_credit(user=user, amount=500_000, kind="adjustment", reference="test", idempotency_key="credit-notice-1")
    assert Notification.objects.filter(user=user, event="wallet_credited").count() == 1


def test_suspension_and_reactivation_reach_the_owner(market_alpha, django_capture_on_commit_callbacks):
    from tenants.services import market_reactivate, market_suspend

    staff = User.objects.create_superuser("09357770012", password="x-long-password-1")
    with django_capture_on_commit_callbacks(execute=True):
        market_suspend(market=market_alpha, staff=staff, reason="Unpaid invoices")
    with django_capture_on_commit_callbacks(execute=True):
        market_reactivate(market=market_alpha, staff=staff)
    events = list(
        Notification.objects.filter(user_id=market_alpha.owner_id, event__startswith="market_").values_list(
            "event", flat=True
        )
    )
    assert sorted(events) == ["market_reactivated", "market_suspended"]
