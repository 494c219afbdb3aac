"""Every endpoint that takes an id: another market's id and another user's id answer 404 and change nothing."""

import pytest
from django.db import connection
from django.utils import timezone

from asoud.accounts.models import Address, User
from asoud.notifications.models import Notification
from storefront.cart.models import Cart, CartItem
from storefront.cart.services import cart_item_add
from storefront.cart.tests.factories import address_make, product_make, shopper_make, variant_make
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


# --- Chat, support tickets, categories, variants, discounts ----------------------------------------


@pytest.fixture
def more(market_alpha, market_beta):
    """The victim's conversation with alpha (an attachment in it) and ticket; in beta: a conversation,
    a category, a product with a variant and a discount, with ids not used in alpha."""
    from asoud.chat.models import Participant
    from asoud.chat.services import conversation_start, message_send
    from asoud.chat.tests.factories import png_upload
    from asoud.support.services import ticket_open
    from storefront.catalog.models import Category
    from storefront.catalog.services import category_create, discount_create

    victim, intruder = shopper_make(), shopper_make()
    conversation = conversation_start(market=market_alpha, shopper=victim)
    me = Participant.objects.get(conversation=conversation, user=victim)
    with inside(market_alpha):
        message = message_send(participant=me, text="Hello", attachment=png_upload())
    ticket = ticket_open(user=victim, subject="Help", category="other", text="Hi", attachment=png_upload())
    beta_conversation = conversation_start(market=market_beta, shopper=intruder)
    with inside(market_beta):
        beta_message = message_send(
            participant=Participant.objects.get(conversation=beta_conversation, user=intruder), text="Beta hello"
        )

    def beta_product():
        product = product_make(title="Beta kettle", stock=0)
        product.beta_variant = variant_make(product, title="Beta large")
        product.beta_discount = discount_create(product=product, kind="percent", value=10)
        return product

    product = _free_of(Product, market_alpha, lambda: _in(market_beta, beta_product))
    category = _free_of(Category, market_alpha, lambda: _in(market_beta, lambda: category_create(
        name="Beta only", slug=f"beta-only-{Category.objects.count()}")))  # fmt: skip
    return {
        "victim": victim, "intruder": intruder, "conversation": conversation, "message": message,
        "ticket": ticket, "beta_conversation": beta_conversation, "beta_message": beta_message,
        "beta_product": product, "beta_category": category,
    }  # fmt: skip


def _in(market, fn):
    with inside(market):
        return fn()


def _more_state(more, market_beta):
    from asoud.chat.models import Message, Participant
    from asoud.support.models import Ticket
    from storefront.catalog.models import Category, Discount, ProductVariant

    chat = (
        list(Message.objects.order_by("id").values_list("conversation_id", "text", "status")),
        list(Participant.objects.order_by("id").values_list("user_id", "last_read_message_id")),
    )
    ticket = Ticket.objects.values("status").get(pk=more["ticket"].pk), more["ticket"].messages.count()
    product = more["beta_product"]
    with inside(market_beta):
        catalogue = (
            Category.objects.values("name", "parent_id").get(pk=more["beta_category"].pk),
            ProductVariant.objects.values("title", "sku", "stock").get(pk=product.beta_variant.pk),
            Discount.objects.values("value", "is_active").get(pk=product.beta_discount.pk),
        )
    return chat, ticket, catalogue


def test_chat_and_tickets_of_another_user_or_market_answer_404_and_change_nothing(more, market_beta):
    intruder = api_client(user=more["intruder"])
    before = _more_state(more, market_beta)
    conversation, message, ticket = more["conversation"].pk, more["message"].pk, more["ticket"].pk
    ticket_message = more["ticket"].messages.first().pk
    beta_conversation = more["beta_conversation"].pk  # the intruder's own, but with beta
    attempts = [
        ("get", f"{A}/conversations/{conversation}/messages/", None),
        ("post", f"{A}/conversations/{conversation}/messages/", {"text": "Intruding"}),
        ("post", f"{A}/conversations/{conversation}/read/", None),
        ("get", f"{A}/conversations/{conversation}/messages/{message}/attachment/", None),
        ("get", f"{A}/conversations/{beta_conversation}/messages/", None),
        ("post", f"{A}/conversations/{beta_conversation}/messages/", {"text": "Wrong market"}),
        ("post", f"{A}/conversations/{beta_conversation}/read/", None),
        ("get", f"/api/v1/me/tickets/{ticket}/", None),
        ("post", f"/api/v1/me/tickets/{ticket}/messages/", {"text": "Intruding"}),
        ("post", f"/api/v1/me/tickets/{ticket}/close/", None),
        ("get", f"/api/v1/me/tickets/{ticket}/messages/{ticket_message}/attachment/", None),
    ]
    for method, url, body in attempts:
        response = getattr(intruder, method)(url, body, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
    assert _more_state(more, market_beta) == before


def test_owner_ids_of_another_market_answer_404_and_change_nothing(more, market_alpha, market_beta):
    owner = api_client(user=User.objects.get(pk=market_alpha.owner_id))
    before = _more_state(more, market_beta)
    product, category = more["beta_product"], more["beta_category"].pk
    variant, discount = product.beta_variant.pk, product.beta_discount.pk
    conversation, message = more["beta_conversation"].pk, more["beta_message"].pk
    with inside(market_alpha):
        own = product_make(stock=0)  # alpha's own product, with beta's variant and discount ids
    attempts = [
        ("get", f"{A}/owner/categories/{category}/", None),
        ("patch", f"{A}/owner/categories/{category}/", {"name": "Stolen"}),
        ("delete", f"{A}/owner/categories/{category}/", None),
        ("get", f"{A}/owner/products/{product.pk}/variants/", None),
        ("post", f"{A}/owner/products/{product.pk}/variants/", {"title": "X", "sku": "STOLEN-1"}),
        ("patch", f"{A}/owner/products/{product.pk}/variants/{variant}/", {"stock": 0}),
        ("delete", f"{A}/owner/products/{product.pk}/variants/{variant}/", None),
        ("patch", f"{A}/owner/products/{own.pk}/variants/{variant}/", {"stock": 0}),
        ("delete", f"{A}/owner/products/{own.pk}/variants/{variant}/", None),
        ("get", f"{A}/owner/products/{product.pk}/discounts/", None),
        ("post", f"{A}/owner/products/{product.pk}/discounts/", {"kind": "percent", "value": 50}),
        ("patch", f"{A}/owner/products/{product.pk}/discounts/{discount}/", {"value": 90}),
        ("delete", f"{A}/owner/products/{product.pk}/discounts/{discount}/", None),
        ("patch", f"{A}/owner/products/{own.pk}/discounts/{discount}/", {"value": 90}),
        ("delete", f"{A}/owner/products/{own.pk}/discounts/{discount}/", None),
        ("get", f"{A}/owner/inbox/{conversation}/messages/", None),
        ("post", f"{A}/owner/inbox/{conversation}/messages/", {"text": "Wrong market"}),
        ("post", f"{A}/owner/inbox/{conversation}/read/", None),
        ("get", f"{A}/owner/inbox/{conversation}/messages/{message}/attachment/", None),
    ]
    for method, url, body in attempts:
        response = getattr(owner, method)(url, body, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
    assert _more_state(more, market_beta) == before
