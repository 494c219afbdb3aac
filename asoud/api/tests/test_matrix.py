"""Every endpoint that takes an id: another market's id and another user's id answer 404 and change nothing."""

import pytest
from django.db import connection
from django.utils import timezone

from asoud.accounts.models import Address, User
from asoud.notifications.models import Notification
from storefront.cart.models import Cart, CartItem
from storefront.cart.services import cart_item_add
from storefront.cart.tests.factories import address_make, product_make, shopper_make
from storefront.catalog.models import Product, ProductImage
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import shipping_method_create
from storefront.orders.tests.helpers import place

from .conftest import api_client, inside
from .test_owner import png

pytestmark = pytest.mark.django_db
A = "/api/v1/markets/alpha"


def _free_of(model, market_alpha, made):
    """An object made in beta whose id is not used in alpha (each schema numbers its rows)."""
    obj = made()
    with inside(market_alpha):
        taken = model.objects.filter(pk=obj.pk).exists()
        top = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if taken:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [f"beta.{model._meta.db_table}", top + 1000]
            )
        obj = made()
    return obj


@pytest.fixture
def world(market_alpha, market_beta):
    """In alpha: the victim's order, cart line, address, notification; in beta: the same kinds of things."""
    victim, intruder = shopper_make(), shopper_make()
    with inside(market_alpha):
        method = shipping_method_create(name="Post", kind=ShippingMethod.Kind.FLAT, cost=100_000)
        kettle = product_make(stock=9)
        order = place(victim, (kettle, 1), method=method, address=address_make(victim))
        cart, _ = Cart.objects.get_or_create(user_id=victim.pk)
        line = cart_item_add(cart=cart, product=kettle, quantity=2).item
    note = Notification.objects.create(
        user=victim, event="order_placed_shopper", category="orders", context={"order_number": "1", "total": 1},
        shown_at=timezone.now(),
    )  # fmt: skip

    def in_beta(fn):
        def run():
            with inside(market_beta):
                return fn()

        return run

    def beta_order():
        m = ShippingMethod.objects.first() or shipping_method_create(name="P", kind=ShippingMethod.Kind.FLAT, cost=1)
        return place(intruder, (product_make(stock=9), 1), method=m, address=address_make(intruder))

    beta_product = _free_of(Product, market_alpha, in_beta(lambda: product_make(title="Beta only", stock=3)))
    beta_orderrow = _free_of(Order, market_alpha, in_beta(beta_order))

    def beta_line():
        c, _ = Cart.objects.get_or_create(user_id=intruder.pk)
        return cart_item_add(cart=c, product=product_make(stock=5), quantity=1).item

    beta_cartline = _free_of(CartItem, market_alpha, in_beta(beta_line))
    return {
        "victim": victim, "intruder": intruder, "order": order, "line": line, "kettle": kettle, "note": note,
        "address": victim.addresses.first(), "beta_product": beta_product, "beta_order": beta_orderrow,
        "beta_line": beta_cartline,
    }  # fmt: skip


def _state(world, market_alpha):
    with inside(market_alpha):
        order = Order.objects.get(pk=world["order"].pk)
        line = CartItem.objects.filter(pk=world["line"].pk).values_list("quantity", flat=True).first()
        product = Product.objects.values("stock", "price_main", "title").get(pk=world["kettle"].pk)
        images = ProductImage.objects.count()
    note = Notification.objects.get(pk=world["note"].pk).read_at
    addresses = Address.objects.filter(user=world["victim"]).count()
    return (order.status, order.tracking_code, line, product, images, note, addresses)


def test_another_users_ids_answer_404_and_change_nothing(world, market_alpha):
    intruder = api_client(user=world["intruder"])
    before = _state(world, market_alpha)
    number, line, note, address = world["order"].number, world["line"].pk, world["note"].pk, world["address"].pk
    attempts = [
        ("get", f"{A}/orders/{number}/", None),
        ("post", f"{A}/orders/{number}/cancel/", None),
        ("patch", f"{A}/cart/lines/{line}/", {"quantity": 5}),
        ("delete", f"{A}/cart/lines/{line}/", None),
        ("delete", f"/api/v1/me/addresses/{address}/", None),
        ("post", f"/api/v1/me/notifications/{note}/read/", None),
    ]
    for method, url, body in attempts:
        response = getattr(intruder, method)(url, body, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    assert _state(world, market_alpha) == before


def test_another_markets_ids_answer_404_and_change_nothing(world, market_alpha, market_beta):
    intruder = api_client(user=world["intruder"])
    owner = api_client(user=User.objects.get(pk=market_alpha.owner_id))
    before = _state(world, market_alpha)
    product, order, line = world["beta_product"], world["beta_order"], world["beta_line"]
    attempts = [
        (intruder, "get", f"{A}/products/{product.slug}/", None),
        (intruder, "get", f"{A}/orders/{order.number}/", None),
        (intruder, "post", f"{A}/orders/{order.number}/cancel/", None),
        (intruder, "patch", f"{A}/cart/lines/{line.pk}/", {"quantity": 3}),
        (intruder, "delete", f"{A}/cart/lines/{line.pk}/", None),
        (owner, "get", f"{A}/owner/products/{product.pk}/", None),
        (owner, "patch", f"{A}/owner/products/{product.pk}/", {"title": "Stolen"}),
        (owner, "post", f"{A}/owner/products/{product.pk}/stock/", {"stock": 0, "reason": "damage"}),
        (owner, "get", f"{A}/owner/orders/{order.pk}/", None),
        (owner, "post", f"{A}/owner/orders/{order.pk}/transition/", {"to_status": "cancelled"}),
    ]
    for client, method, url, body in attempts:
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
    photo = owner.post(f"{A}/owner/products/{product.pk}/images/", {"image": png()}, format="multipart")
    assert photo.status_code == 404
    assert _state(world, market_alpha) == before
    with inside(market_beta):
        assert Order.objects.get(pk=order.pk).status == "pending"
        assert Product.objects.get(pk=product.pk).title == "Beta only"
        assert CartItem.objects.filter(pk=line.pk).exists()
