"""Owner endpoints: dashboard roles, products (three prices, stock with reason, photos), orders."""

import io

import pytest
from django.db import connection
from PIL import Image

from asoud.accounts.models import User
from storefront.cart.tests.factories import address_make, product_make, shopper_make
from storefront.catalog.models.inventory import StockMovement
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import shipping_method_create
from storefront.orders.tests.helpers import place
from storefront.team.models import TeamMember

from .conftest import api_client, inside

pytestmark = pytest.mark.django_db

OWN = "/api/v1/markets/alpha/owner"


@pytest.fixture
def owner_api(market_alpha):
    return api_client(user=User.objects.get(pk=market_alpha.owner_id))


def member_api(role: str, market_alpha):
    user = shopper_make()
    with inside(market_alpha):
        TeamMember.objects.create(user_id=user.pk, role=role)
    return api_client(user=user)


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "kettle.png"
    return buffer


def test_products_create_read_change(owner_api):
    made = owner_api.post(
        f"{OWN}/products/",
        {
            "title": "Steel kettle",
            "price_main": 1_850_000,
            "price_colleague": 1_600_000,
            "stock": 4,
            "keywords": "kettle, steel",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    product = made.json()
    assert product["price_main"]["rials"] == 1_850_000 and product["price_colleague"]["rials"] == 1_600_000
    assert product["stock"] == 4
    changed = owner_api.patch(f"{OWN}/products/{product['id']}/", {"price_main": 2_000_000}, format="json")
    assert changed.status_code == 200 and changed.json()["price_main"]["rials"] == 2_000_000
    assert changed.json()["title"] == "Steel kettle" and changed.json()["price_colleague"]["rials"] == 1_600_000
    listed = owner_api.get(f"{OWN}/products/?q=kettle").json()["results"]
    assert product["id"] in [p["id"] for p in listed]


def test_product_validation_comes_from_the_dashboard_form(owner_api):
    response = owner_api.post(f"{OWN}/products/", {"title": "", "price_main": 15}, format="json")
    assert response.status_code == 400 and {"title", "price_main"} <= set(response.json()["errors"])


def test_stock_is_set_with_a_reason_and_recorded(owner_api, market_alpha):
    with inside(market_alpha):
        kettle = product_make(stock=2)
    response = owner_api.post(f"{OWN}/products/{kettle.pk}/stock/", {"stock": 9, "reason": "restock"}, format="json")
    assert response.status_code == 200 and response.json()["stock"] == 9
    with inside(market_alpha):
        movement = StockMovement.objects.filter(product=kettle).latest("id")
        assert movement.delta == 7 and movement.reason == "restock"
    bad = owner_api.post(f"{OWN}/products/{kettle.pk}/stock/", {"stock": -1, "reason": "stolen"}, format="json")
    assert bad.status_code == 400 and {"stock", "reason"} <= set(bad.json()["errors"])


def test_photos_are_validated_like_the_dashboards(owner_api, market_alpha):
    with inside(market_alpha):
        kettle = product_make()
    good = owner_api.post(f"{OWN}/products/{kettle.pk}/images/", {"image": png()}, format="multipart")
    assert good.status_code == 201 and good.json()["width"] == 40
    fake = io.BytesIO(b"<html>not a picture</html>")
    fake.name = "evil.png"
    bad = owner_api.post(f"{OWN}/products/{kettle.pk}/images/", {"image": fake}, format="multipart")
    assert bad.status_code == 400 and "image" in bad.json()["errors"]
    with inside(market_alpha):
        assert kettle.images.count() == 1


def test_orders_list_filter_and_transitions_with_tracking(owner_api, market_alpha):
    with inside(market_alpha):
        shopper = shopper_make()
        method = shipping_method_create(name="Post", kind=ShippingMethod.Kind.FLAT, cost=100_000)
        order = place(shopper, (product_make(stock=3), 1), method=method, address=address_make(shopper))
    listed = owner_api.get(f"{OWN}/orders/?status=pending").json()["results"]
    assert order.pk in [o["id"] for o in listed]
    assert order.pk not in [o["id"] for o in owner_api.get(f"{OWN}/orders/?status=shipped").json()["results"]]
    detail = owner_api.get(f"{OWN}/orders/{order.pk}/").json()
    assert set(detail["allowed_transitions"]) == {"verified", "cancelled"}
    refused = owner_api.post(f"{OWN}/orders/{order.pk}/transition/", {"to_status": "completed"}, format="json")
    assert refused.status_code == 400
    assert (
        owner_api.post(f"{OWN}/orders/{order.pk}/transition/", {"to_status": "verified"}, format="json").status_code
        == 200
    )
    shipped = owner_api.post(
        f"{OWN}/orders/{order.pk}/transition/", {"to_status": "shipped", "tracking_code": "IR123"}, format="json"
    )
    assert shipped.status_code == 200 and shipped.json()["tracking_code"] == "IR123"
    with inside(market_alpha):
        assert Order.objects.get(pk=order.pk).status == "shipped"


def test_roles_decide_as_on_the_dashboard(market_alpha, shopper):
    assert api_client(user=shopper).get(f"{OWN}/products/").status_code == 403
    editor = member_api(TeamMember.Role.EDITOR, market_alpha)
    assert editor.get(f"{OWN}/products/").status_code == 200
    assert editor.get(f"{OWN}/orders/").status_code == 403
    support = member_api(TeamMember.Role.SUPPORT, market_alpha)
    assert support.get(f"{OWN}/orders/").status_code == 200
    assert support.get(f"{OWN}/products/").status_code == 403
    assert api_client().get(f"{OWN}/products/").status_code == 401


def test_a_suspended_market_is_read_only(owner_api, market_alpha):
    from tenants.models import Market

    Market.objects.filter(pk=market_alpha.pk).update(status=Market.Status.SUSPENDED)
    connection.set_schema_to_public()
    assert owner_api.get(f"{OWN}/products/").status_code == 200
    refused = owner_api.post(f"{OWN}/products/", {"title": "X", "price_main": 10}, format="json")
    assert refused.status_code == 403 and "suspended" in refused.json()["detail"]
    Market.objects.filter(pk=market_alpha.pk).update(status=Market.Status.ACTIVE)


def test_overview_figures(owner_api):
    body = owner_api.get(f"{OWN}/overview/").json()
    assert {"today_sales", "month_orders", "to_ship"} <= set(body) and len(body["days"]) == 30
