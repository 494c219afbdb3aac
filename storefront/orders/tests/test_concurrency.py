"""Many shoppers check out the last few units at the same moment, each on its own database connection,
against the real PostgreSQL: exactly the stock there is gets sold, never a unit more, and nobody
deadlocks.

Threads only see committed rows, so the data can't be written in the test's own transaction. Nor can
the test use `django_db(transaction=True)`: Django's TransactionTestCase ends with `flush`, which
empties every table of the public schema and would delete the session's `alpha` and `beta` markets.
So the test is an ordinary `django_db` test (which also makes pytest-django set up the test database
when it runs alone) whose data is written and removed by `committed(...)` on a connection of its own,
in a market of its own (a fresh slug each run, dropped at the end).
"""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.payments.models import Payment
from storefront.cart.tests.factories import address_make, product_make
from storefront.catalog.models import Product, StockMovement
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import order_place, shipping_method_create
from tenants.models import Market
from tenants.services import market_create, market_delete

from .helpers import cart_with, committed

pytestmark = pytest.mark.django_db

SHOPPERS = 8
SCARCE_STOCK = 3


def _seed(market: Market) -> dict:
    with tenant_context(market):
        teapot = product_make(title="Plenty teapot", price=1_000_000, stock=100)
        lamp = product_make(title="Last lamps", price=5_000_000, stock=SCARCE_STOCK)
        post = shipping_method_create(name="Post", kind=ShippingMethod.Kind.FLAT, cost=300_000)
        shoppers = []
        for n in range(SHOPPERS):
            user = User.objects.create_user(f"+98936{uuid.uuid4().int % 10_000_000:07d}", name=f"Racer {n}")
            # Both products in every cart: everyone locks the same rows in the same order (product id).
            shoppers.append((user, cart_with(user, (teapot, 1), (lamp, 1)), address_make(user)))
    return {"teapot": teapot, "lamp": lamp, "post": post, "shoppers": shoppers}


def _remove(market: Market, users: list[User]) -> None:
    with tenant_context(market):  # the market's tables are on the search path for the cascade
        User.objects.filter(pk__in=[user.pk for user in users]).delete()
    connection.set_schema_to_public()
    Payment.objects.filter(market=market).delete()
    market_delete(market=market)


@pytest.fixture
def race():
    slug = f"race-{uuid.uuid4().hex[:8]}"
    market = committed(market_create, name="Race Shop", slug=slug, status=Market.Status.ACTIVE)
    data = {"market": market, "shoppers": []}
    try:
        data.update(committed(_seed, market))
        yield data
    finally:
        committed(_remove, market, [user for user, *_ in data["shoppers"]])


def _checkout_all(market, shoppers, post) -> list:
    start = threading.Barrier(len(shoppers))
    outcomes, record = [], threading.Lock()

    def checkout(user, cart, address):
        try:
            connection.set_tenant(market)
            start.wait(timeout=30)
            with translation.override("en"):
                result = order_place(user=user, cart=cart, address=address, shipping_method=post, payment_method="cash")
            result = result.number
        except Exception as error:  # a refusal, or a deadlock / anything else that must fail the test
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
    return outcomes


def test_concurrent_checkouts_never_sell_more_than_the_stock(race):
    market = race["market"]
    outcomes = _checkout_all(market, race["shoppers"], race["post"])

    sold = [outcome for outcome in outcomes if isinstance(outcome, str)]
    refused = [outcome for outcome in outcomes if not isinstance(outcome, str)]
    assert len(outcomes) == SHOPPERS
    assert len(sold) == SCARCE_STOCK, outcomes
    assert len(refused) == SHOPPERS - SCARCE_STOCK
    for error in refused:
        assert isinstance(error, ValidationError), repr(error)
        assert [e.code for e in error.error_list] == ["insufficient_stock"]
        assert error.messages == ["Sorry, “Last lamps” is out of stock."]

    with tenant_context(market):
        lamp, teapot = Product.objects.get(pk=race["lamp"].pk), Product.objects.get(pk=race["teapot"].pk)
        assert lamp.stock == 0
        assert teapot.stock == 100 - SCARCE_STOCK  # refused checkouts took nothing at all
        moves = list(StockMovement.objects.filter(product=lamp).order_by("id").values_list("delta", "quantity_after", "reason"))
        assert moves == [(SCARCE_STOCK, SCARCE_STOCK, "initial"), (-1, 2, "sale"), (-1, 1, "sale"), (-1, 0, "sale")]
        assert sum(delta for delta, _after, _reason in moves) == lamp.stock
        assert sorted(Order.objects.values_list("number", flat=True)) == sorted(sold)
        buyers = set(Order.objects.values_list("user_id", flat=True))
        for user, cart, _address in race["shoppers"]:
            # Buyers' carts are empty; a refused shopper keeps the cart as it was.
            assert cart.items.count() == (0 if user.pk in buyers else 2)
    assert Payment.objects.filter(market=market).count() == SCARCE_STOCK
