"""Shopper endpoints over the web's own services: catalogue, cart, checkout, orders, wallet, notifications."""

import uuid

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from asoud.wallet.models import LedgerEntry
from asoud.wallet.selectors import wallet_balance
from asoud.wallet.services import wallet_credit
from storefront.cart.tests.factories import address_make, gift, product_make, requires, variant_make
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import shipping_method_create

from .conftest import api_client

pytestmark = pytest.mark.django_db

A = "/api/v1/markets/alpha"


@pytest.fixture
def post_method(in_alpha):
    return shipping_method_create(name="Express post", kind=ShippingMethod.Kind.FLAT, cost=450_000)


@pytest.fixture
def kettle(in_alpha):
    return product_make(title="Steel kettle", price=1_850_000, stock=5)


def fund(user, amount: int) -> None:
    wallet_credit(
        user=user, amount=amount, kind=LedgerEntry.Kind.TOPUP, reference="t", idempotency_key=uuid.uuid4().hex
    )


# --- Markets and catalogue ------------------------------------------------------------------------


def test_markets_list_search_and_detail_with_theme(api, in_alpha):
    names = [m["slug"] for m in api.get("/api/v1/markets/").json()["results"]]
    assert "alpha" in names and "beta" in names
    assert [m["slug"] for m in api.get("/api/v1/markets/?q=Beta").json()["results"]] == ["beta"]
    detail = api.get(f"{A}/").json()
    assert detail["name"] == "Alpha Shop" and detail["theme"]["key"] == "classic"
    assert detail["theme"]["colors"] and detail["web_url"].startswith("http://alpha.localhost")


def test_products_filters_sort_search_and_money_in_both_languages(api, in_alpha):
    cheap = product_make(title="Blue enamel mug", price=250_000, stock=3)
    dear = product_make(title="Copper samovar", price=9_000_000, stock=0)
    body = api.get(f"{A}/products/?sort=price_asc").json()
    slugs = [p["slug"] for p in body["results"]]
    assert slugs.index(cheap.slug) < slugs.index(dear.slug)
    card = next(p for p in body["results"] if p["slug"] == cheap.slug)
    assert card["price"]["unit"] == {"rials": 250_000, "display": "25,000 Toman"} and card["price"]["tier"] == "retail"
    persian = api_client(language="fa").get(f"{A}/products/?sort=price_asc").json()
    assert next(p for p in persian["results"] if p["slug"] == cheap.slug)["price"]["unit"]["display"] == "۲۵٬۰۰۰ تومان"
    in_stock = [p["slug"] for p in api.get(f"{A}/products/?in_stock=on").json()["results"]]
    assert cheap.slug in in_stock and dear.slug not in in_stock
    ranged = [p["slug"] for p in api.get(f"{A}/products/?max_price=300000").json()["results"]]
    assert cheap.slug in ranged and dear.slug not in ranged
    found = [p["slug"] for p in api.get(f"{A}/products/?q=samov").json()["results"]]
    assert found == [dear.slug]
    bad = api.get(f"{A}/products/?sort=cheapest")
    assert bad.status_code == 400 and "sort" in bad.json()["errors"]


def test_the_product_list_pages_with_a_cursor(api, in_alpha):
    made = {product_make(title=f"Cup {n}", stock=1).slug for n in range(5)}
    seen, url = [], f"{A}/products/?page_size=2"
    while url:
        body = api.get(url).json()
        seen += [p["slug"] for p in body["results"]]
        url = body["next"]
    assert made <= set(seen) and len(seen) == len(set(seen))


def test_product_detail_with_variants_required_and_gift_items(api, in_alpha):
    shirt = product_make(title="Linen shirt", price=3_000_000, stock=0)
    variant_make(shirt, title="Large", stock=2)
    case = product_make(title="Shirt bag", price=100_000)
    pin = product_make(title="Pin", price=10_000)
    requires(shirt, case)
    gift(shirt, pin)
    body = api.get(f"{A}/products/{shirt.slug}/").json()
    assert [v["title"] for v in body["variants"]] == ["Large"]
    assert body["required_items"][0]["product"]["slug"] == case.slug
    assert body["gift_items"][0]["product"]["slug"] == pin.slug
    assert api.get(f"{A}/products/no-such/").status_code == 404


# --- Cart -----------------------------------------------------------------------------------------


def test_cart_add_change_remove(shopper_api, kettle):
    added = shopper_api.post(f"{A}/cart/lines/", {"product": kettle.pk, "quantity": 2}, format="json")
    assert added.status_code == 201
    line = added.json()["lines"][0]
    assert line["quantity"] == 2 and added.json()["subtotal"]["rials"] == 3_700_000
    changed = shopper_api.patch(f"{A}/cart/lines/{line['id']}/", {"quantity": 3}, format="json")
    assert changed.json()["lines"][0]["quantity"] == 3
    too_many = shopper_api.patch(f"{A}/cart/lines/{line['id']}/", {"quantity": 99}, format="json")
    assert too_many.status_code == 400 and too_many["Content-Type"] == "application/problem+json"
    assert shopper_api.delete(f"{A}/cart/lines/{line['id']}/").json()["lines"] == []


def test_cart_validation_and_sign_in(api, shopper_api, kettle):
    assert api.get(f"{A}/cart/").status_code == 401
    missing = shopper_api.post(f"{A}/cart/lines/", {"quantity": 2}, format="json")
    assert missing.status_code == 400 and "product" in missing.json()["errors"]
    unknown = shopper_api.post(f"{A}/cart/lines/", {"product": 999999}, format="json")
    assert unknown.json()["errors"]["product"] == ["This product is not available."]


# --- Checkout and orders -----------------------------------------------------------------------------


def _ready(client, shopper, kettle):
    address = address_make(shopper)
    client.post(f"{A}/cart/lines/", {"product": kettle.pk, "quantity": 2}, format="json")
    return address


def test_placing_with_the_wallet_is_paid_at_once_and_idempotent(shopper_api, shopper, kettle, post_method):
    fund(shopper, 10_000_000)
    address = _ready(shopper_api, shopper, kettle)
    body = {"address": address.pk, "shipping_method": post_method.pk, "payment_method": "wallet"}
    first = shopper_api.post(f"{A}/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.json()
    order = first.json()["order"]
    assert order["status"] == "verified" and order["total"]["rials"] == 4_150_000 and first.json()["pay_url"] == ""
    again = shopper_api.post(f"{A}/orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201 and again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    with schema_context("alpha"):  # each request leaves the connection in the platform's schema
        assert Order.objects.filter(user_id=shopper.pk).count() == 1
    assert wallet_balance(user=shopper) == 10_000_000 - 4_150_000
    other = shopper_api.post(f"{A}/orders/", {**body, "note": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 422


def test_placing_refuses_bad_input_clearly(shopper_api, shopper, kettle, post_method):
    address = _ready(shopper_api, shopper, kettle)
    response = shopper_api.post(
        f"{A}/orders/", {"address": 0, "shipping_method": 0, "payment_method": "gold"}, format="json"
    )
    assert response.status_code == 400 and set(response.json()["errors"]) == {"payment_method"}
    response = shopper_api.post(
        f"{A}/orders/", {"address": 0, "shipping_method": 0, "payment_method": "cash"}, format="json"
    )
    assert set(response.json()["errors"]) == {"address", "shipping_method"}
    poor = shopper_api.post(
        f"{A}/orders/",
        {"address": address.pk, "shipping_method": post_method.pk, "payment_method": "wallet"},
        format="json",
    )
    assert poor.status_code == 400 and poor.json()["detail"] == "Your wallet balance is not enough for this payment."
    with schema_context("alpha"):
        assert not Order.objects.filter(user_id=shopper.pk).exists()


def test_orders_list_detail_and_cancel(shopper_api, shopper, kettle, post_method):
    address = _ready(shopper_api, shopper, kettle)
    placed = shopper_api.post(
        f"{A}/orders/",
        {"address": address.pk, "shipping_method": post_method.pk, "payment_method": "cash"},
        format="json",
    ).json()["order"]
    assert [o["number"] for o in shopper_api.get(f"{A}/orders/").json()["results"]] == [placed["number"]]
    detail = shopper_api.get(f"{A}/orders/{placed['number']}/").json()
    assert detail["history"][0]["to_status"] == "pending" and detail["can_cancel"] and detail["placed_at"]["display"]
    cancelled = shopper_api.post(f"{A}/orders/{placed['number']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = shopper_api.post(f"{A}/orders/{placed['number']}/cancel/")
    assert again.status_code == 400 and again.json()["code"] == "not_cancellable"


def test_shipping_methods(api, post_method):
    assert [m["name"] for m in api.get(f"{A}/shipping-methods/").json()] == ["Express post"]


# --- Me --------------------------------------------------------------------------------------------


def test_profile_addresses_and_wallet(shopper_api, shopper):
    connection.set_schema_to_public()
    changed = shopper_api.patch("/api/v1/me/", {"name": "Sara A.", "iban": "IR12"}, format="json")
    assert changed.status_code == 400 and "iban" in changed.json()["errors"]
    assert shopper_api.patch("/api/v1/me/", {"name": "Sara A."}, format="json").json()["name"] == "Sara A."
    made = shopper_api.post(
        "/api/v1/me/addresses/",
        {"receiver_name": "Sara", "receiver_mobile": "09121234567", "province": "Tehran", "city": "Tehran",
         "street": "Valiasr", "postal_code": "1234567890"},
        format="json",
    )  # fmt: skip
    assert made.status_code == 201 and made.json()["is_default"]
    assert shopper_api.post("/api/v1/me/addresses/", {"postal_code": "12"}, format="json").status_code == 400
    assert shopper_api.delete(f"/api/v1/me/addresses/{made.json()['id']}/").status_code == 204
    fund(shopper, 500_000)
    wallet = shopper_api.get("/api/v1/me/wallet/").json()
    assert wallet["balance"]["rials"] == 500_000 and wallet["results"][0]["kind"] == "topup"


def test_notifications_list_and_read(shopper_api, shopper):
    from django.utils import timezone

    from asoud.notifications.models import Notification

    note = Notification.objects.create(
        user=shopper, event="order_placed_shopper", category="orders", context={"order_number": "A-1", "total": 10},
        shown_at=timezone.now(),
    )  # fmt: skip
    items = shopper_api.get("/api/v1/me/notifications/").json()["results"]
    assert [n["id"] for n in items] == [note.pk] and not items[0]["is_read"]
    assert shopper_api.post(f"/api/v1/me/notifications/{note.pk}/read/").json()["is_read"]
    note.refresh_from_db()
    assert note.read_at is not None


def test_the_cart_applies_required_and_gift_rules(shopper_api, in_alpha):
    lamp = product_make(title="Desk lamp", price=2_000_000, stock=5)
    bulb = product_make(title="Bulb", price=50_000, stock=5)
    cloth = product_make(title="Cleaning cloth", price=10_000, stock=5)
    requires(lamp, bulb, 2)
    gift(lamp, cloth)
    cart = shopper_api.post(f"{A}/cart/lines/", {"product": lamp.pk}, format="json").json()
    assert {line["title"]: line["quantity"] for line in cart["lines"]} == {"Desk lamp": 1, "Bulb": 2}
    assert [(g["title"], g["is_gift"], g["unit_price"]["rials"]) for g in cart["gifts"]] == [
        ("Cleaning cloth", True, 0)
    ]
    bulb_line = next(line for line in cart["lines"] if line["title"] == "Bulb")
    without = shopper_api.delete(f"{A}/cart/lines/{bulb_line['id']}/").json()
    assert not without["can_checkout"] and "Bulb" in without["problems"][0]


def test_topping_up_the_wallet_online(shopper_api, shopper, zarinpal):
    from urllib.parse import urlsplit

    connection.set_schema_to_public()
    assert shopper_api.post("/api/v1/me/wallet/topup/", {"amount": 15}, format="json").status_code == 400
    started = shopper_api.post(
        "/api/v1/me/wallet/topup/", {"amount": 1_000_000}, format="json", HTTP_IDEMPOTENCY_KEY="t1"
    )
    assert started.status_code == 201 and started.json()["pay_url"].startswith(zarinpal.base_url)
    again = shopper_api.post(
        "/api/v1/me/wallet/topup/", {"amount": 1_000_000}, format="json", HTTP_IDEMPOTENCY_KEY="t1"
    )
    assert again.json() == started.json()
    back = urlsplit(zarinpal.pay(started.json()["pay_url"]))
    assert back.path == "/api/v1/me/wallet/topup/callback/"
    result = api_client().get(f"{back.path}?{back.query}").json()
    assert result["is_paid"] and result["amount"]["rials"] == 1_000_000
    assert wallet_balance(user=shopper) == 1_000_000


def test_notification_preferences(shopper_api, shopper):
    connection.set_schema_to_public()
    before = shopper_api.get("/api/v1/me/notification-preferences/").json()
    orders = next(row for row in before["categories"] if row["category"] == "orders")
    assert {cell["channel"] for cell in orders["channels"] if cell["available"]} >= {"in_app", "sms"}
    saved = shopper_api.put(
        "/api/v1/me/notification-preferences/", {"language": "en", "enabled": {"orders": ["in_app"]}}, format="json"
    ).json()
    orders = next(row for row in saved["categories"] if row["category"] == "orders")
    assert {cell["channel"] for cell in orders["channels"] if cell["enabled"]} == {"in_app"}
    assert saved["language"] == "en"
    bad = shopper_api.put("/api/v1/me/notification-preferences/", {"language": "de", "enabled": {}}, format="json")
    assert bad.status_code == 400 and "language" in bad.json()["errors"]


@pytest.mark.parametrize("text", ["\U00012fa0", "!!!", "«»"])
def test_a_search_with_no_word_in_it_finds_nothing_instead_of_failing(api, in_alpha, text):
    product_make(title="Blue enamel mug", price=250_000, stock=3)
    response = api.get(f"{A}/products/", {"q": text, "page_size": 5})
    assert response.status_code == 200 and response.json()["results"] == []
