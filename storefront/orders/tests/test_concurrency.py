"""Many shoppers check out the last few units at the same moment, each on its own database connection,
against the real PostgreSQL: exactly the stock there is gets sold, never a unit more, and nobody
deadlocks.

Threads only see committed rows, so this test can't run inside the usual per-test transaction. It
can't use `django_db(transaction=True)` either: that flushes every table of the public schema when it
ends (Django's TransactionTestCase runs `flush`), which would delete the session's `alpha` and `beta`
markets. Instead it commits its own data in a market of its own (a fresh slug each run), and drops it
afterwards.
"""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.payments.models import Payment
from storefront.cart.tests.factories import address_make, product_make
from storefront.catalog.models import StockMovement
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import order_place, shipping_method_create
from tenants.models import Market
from tenants.services import market_create, market_delete

from .helpers import cart_with

SHOPPERS = 8
SCARCE_STOCK = 3


@pytest.fixture
def race_market(django_db_setup, django_db_blocker):
    """A market of this test's own with committed data, removed at the end (schema dropped)."""
    with django_db_blocker.unblock():
        slug = f"race-{uuid.uuid4().hex[:8]}"
        market = market_create(name="Race Shop", slug=slug, status=Market.Status.ACTIVE)
        users = []
        try:
            yield market, users
        finally:
            connection.set_schema_to_public()
            Payment.objects.filter(market=market).delete()
            market_delete(market=market)
            User.objects.filter(pk__in=[user.pk for user in users]).delete()


def test_concurrent_checkouts_never_sell_more_than_the_stock(race_market):
    market, users = race_market
    with tenant_context(market):
        teapot = product_make(title="Plenty teapot", price=1_000_000, stock=100)
        lamp = product_make(title="Last lamps", price=5_000_000, stock=SCARCE_STOCK)
        post = shipping_method_create(name="Post", kind=ShippingMethod.Kind.FLAT, cost=300_000)
        shoppers = []
        for n in range(SHOPPERS):
            user = User.objects.create_user(f"+98936{uuid.uuid4().int % 10_000_000:07d}", name=f"Racer {n}")
            users.append(user)
            # Both products in every cart: rows are locked in the same order (product id) by everyone.
            shoppers.append((user, cart_with(user, (teapot, 1), (lamp, 1)), address_make(user)))

    start = threading.Barrier(SHOPPERS)
    outcomes: list[object] = []
    record = threading.Lock()

    def checkout(user, cart, address):
        try:
            connection.set_tenant(market)
            start.wait(timeout=30)
            order = order_place(user=user, cart=cart, address=address, shipping_method=post, payment_method="cash")
            result = order.number
        except ValidationError as error:
            result = error
        except Exception as error:  # a deadlock or anything else must fail the test, not vanish
            result = error
        finally:
            connection.close()
        with record:
            outcomes.append(result)

    threads = [threading.Thread(target=checkout, args=shopper) for shopper in shoppers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    sold = [outcome for outcome in outcomes if isinstance(outcome, str)]
    refused = [outcome for outcome in outcomes if not isinstance(outcome, str)]
    assert len(outcomes) == SHOPPERS
    assert len(sold) == SCARCE_STOCK, outcomes
    assert len(refused) == SHOPPERS - SCARCE_STOCK
    for error in refused:
        assert isinstance(error, ValidationError), repr(error)
        assert [e.code for e in error.error_list] == ["insufficient_stock"]
        assert "“Last lamps” is out of stock" in error.messages[0] or "left in stock" in error.messages[0]

    with tenant_context(market):
        lamp.refresh_from_db()
        teapot.refresh_from_db()
        assert lamp.stock == 0
        assert teapot.stock == 100 - SCARCE_STOCK  # the refused checkouts took nothing at all
        lamp_moves = list(StockMovement.objects.filter(product=lamp).order_by("id").values_list("delta", "quantity_after", "reason"))
        assert lamp_moves == [(SCARCE_STOCK, SCARCE_STOCK, "initial"), (-1, 2, "sale"), (-1, 1, "sale"), (-1, 0, "sale")]
        assert sum(delta for delta, _after, _reason in lamp_moves) == lamp.stock
        assert Order.objects.count() == SCARCE_STOCK
        assert sorted(Order.objects.values_list("number", flat=True)) == sorted(sold)
        refused_users = {user.pk for user, *_ in shoppers} - set(Order.objects.values_list("user_id", flat=True))
        # A refused shopper keeps their cart as it was.
        for user, cart, _address in shoppers:
            if user.pk in refused_users:
                assert cart.items.count() == 2
    assert Payment.objects.filter(market=market).count() == SCARCE_STOCK
