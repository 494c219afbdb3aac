"""A visitor's anonymous cart follows them when they sign in on the market (the real handoff)."""

import pytest

from asoud.accounts.handoff import token_issue
from storefront.cart.models import Cart, CartItem

from .conftest import market_client
from .factories import product_make, shopper_make

pytestmark = pytest.mark.django_db


def sign_in_through_handoff(client, user):
    token = token_issue(user=user, host="alpha.localhost")
    response = client.get("/accounts/handoff/", {"token": token, "next": "/cart/"})
    assert response.status_code == 302 and response["Location"] == "/cart/"


def test_the_anonymous_cart_merges_into_the_shoppers_cart_on_sign_in(in_alpha):
    kettle = product_make(title="Steel kettle", price=1_000_000, stock=5)
    pot = product_make(title="Granite pot", price=3_000_000, stock=5)
    shopper = shopper_make()
    # Earlier, on another device, the shopper put a kettle in their cart.
    earlier = market_client()
    earlier.force_login(shopper)
    earlier.post("/cart/add/", {"product": kettle.pk, "quantity": 1})

    visitor = market_client()
    visitor.post("/cart/add/", {"product": kettle.pk, "quantity": 2})
    visitor.post("/cart/add/", {"product": pot.pk, "quantity": 1})
    assert Cart.objects.filter(user__isnull=True).count() == 1

    sign_in_through_handoff(visitor, shopper)

    cart = Cart.objects.get(user_id=shopper.pk)
    assert {item.product_id: item.quantity for item in cart.items.all()} == {kettle.pk: 3, pot.pk: 1}
    assert not Cart.objects.filter(user__isnull=True).exists()
    page = visitor.get("/cart/")
    assert page.context["user"] == shopper
    assert 'id="cart-total">600,000 Toman' in page.text
    assert "Cart, 4 items" in visitor.get("/cart/mini/").text


def test_merging_keeps_within_the_stock(in_alpha):
    kettle = product_make(price=1_000_000, stock=3)
    shopper = shopper_make()
    earlier = market_client()
    earlier.force_login(shopper)
    earlier.post("/cart/add/", {"product": kettle.pk, "quantity": 2})
    visitor = market_client()
    visitor.post("/cart/add/", {"product": kettle.pk, "quantity": 2})
    sign_in_through_handoff(visitor, shopper)
    assert CartItem.objects.get(cart__user_id=shopper.pk, product=kettle).quantity == 3


def test_signing_in_with_an_empty_cart_changes_nothing(in_alpha):
    shopper = shopper_make()
    before = set(Cart.objects.values_list("pk", flat=True))  # (carts other tests committed for real)
    visitor = market_client()
    sign_in_through_handoff(visitor, shopper)
    assert set(Cart.objects.values_list("pk", flat=True)) == before
