import pytest
from django_tenants.utils import tenant_context

from .factories import OrderItemFactory

pytestmark = pytest.mark.django_db


def test_factory_orders_pass_the_models_own_checks_and_are_numbered(market_alpha):
    with tenant_context(market_alpha):
        item = OrderItemFactory(quantity=3, unit_price=250_000)
        item.order.full_clean()
        item.full_clean()
        assert item.line_total == 750_000 and item.order.number == f"1404-{item.order.pk:06d}"
