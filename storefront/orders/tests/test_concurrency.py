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


def _state(market: Market, race: dict) -> dict:
    """What the database holds after the race (read on a connection of its own, so that the test's
    transaction never locks the market's tables that the clean-up drops)."""
    with tenant_context(market):
        buyers = set(Order.objects.values_list("user_id", flat=True))
        return {
            "lamp": Product.objects.get(pk=race["lamp"].pk).stock,
            "teapot": Product.objects.get(pk=race["teapot"].pk).stock,
            "lamp_moves": list(
                StockMovement.objects.filter(product_id=race["lamp"].pk)
                .order_by("id")
                .values_list("delta", "quantity_after", "reason")
            ),
            "orders": sorted(Order.objects.values_list("number", flat=True)),
            "cart_sizes": {user.pk: (user.pk in buyers, cart.items.count()) for user, cart, _ in race["shoppers"]},
            "payments": Payment.objects.filter(market=market).count(),
        }


def test_concurrent_checkouts_never_sell_more_than_the_stock(race):
    outcomes = _checkout_all(race["market"], race["shoppers"], race["post"])

    sold = [outcome for outcome in outcomes if isinstance(outcome, str)]
    refused = [outcome for outcome in outcomes if not isinstance(outcome, str)]
    assert len(outcomes) == SHOPPERS
    assert len(sold) == SCARCE_STOCK, outcomes
    assert len(refused) == SHOPPERS - SCARCE_STOCK
    for error in refused:
        assert isinstance(error, ValidationError), repr(error)
        assert [e.code for e in error.error_list] == ["insufficient_stock"]
        assert error.messages == ["Sorry, “\u2068Last lamps\u2069” is out of stock."]

    state = committed(_state, race["market"], race)
    assert state["lamp"] == 0
    assert state["teapot"] == 100 - SCARCE_STOCK  # refused checkouts took nothing at all
    assert state["lamp_moves"] == [
        (SCARCE_STOCK, SCARCE_STOCK, "initial"),
        (-1, 2, "sale"),
        (-1, 1, "sale"),
        (-1, 0, "sale"),
    ]
    assert sum(delta for delta, _after, _reason in state["lamp_moves"]) == state["lamp"]
    assert state["orders"] == sorted(sold)
    # Buyers' carts are empty; a refused shopper keeps the cart as it was.
    assert all(size == (0 if bought else 2) for bought, size in state["cart_sizes"].values())
    assert state["payments"] == SCARCE_STOCK
