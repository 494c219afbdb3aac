"""Owner: categories, variants and discounts through the dashboard's forms and the catalogue services;
the analytics summary agrees with the dashboard's analytics page."""

import datetime

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from dashboard.tests.test_orders import OWNER_MOBILE, member_client
from storefront.analytics.services import rollup_day
from storefront.analytics.tests.data import known_day
from storefront.cart.tests.factories import product_make
from storefront.catalog.models import Category, Discount, ProductVariant, StockMovement

from .conftest import inside
from .test_owner import OWN, member_api, owner_api  # noqa: F401

pytestmark = pytest.mark.django_db


def test_categories_add_rename_move_delete(owner_api, market_alpha):  # noqa: F811
    tea = owner_api.post(f"{OWN}/categories/", {"name": "Tea"}, format="json")
    assert tea.status_code == 201, tea.json()
    assert tea.json()["slug"] == "tea" and tea.json()["depth"] == 0
    green = owner_api.post(f"{OWN}/categories/", {"name": "Green", "parent": tea.json()["id"]}, format="json").json()
    assert green["parent"] == tea.json()["id"] and green["depth"] == 1
    renamed = owner_api.patch(f"{OWN}/categories/{green['id']}/", {"name": "Green tea"}, format="json").json()
    assert renamed["name"] == "Green tea" and renamed["parent"] == tea.json()["id"]  # not sent: unchanged
    inside_itself = owner_api.patch(f"{OWN}/categories/{tea.json()['id']}/", {"parent": green["id"]}, format="json")
    assert inside_itself.status_code == 400
    assert "inside itself" in inside_itself.json()["errors"]["parent"][0]
    taken = owner_api.post(f"{OWN}/categories/", {"name": "Tea 2", "slug": "tea"}, format="json")
    assert taken.status_code == 400 and "slug" in taken.json()["errors"]
    assert owner_api.post(f"{OWN}/categories/", {"name": ""}, format="json").status_code == 400
    listed = [c["name"] for c in owner_api.get(f"{OWN}/categories/").json()]
    assert listed.index("Tea") < listed.index("Green tea")
    assert owner_api.delete(f"{OWN}/categories/{tea.json()['id']}/").status_code == 204
    with inside(market_alpha):
        assert Category.objects.get(pk=green["id"]).parent_id is None  # moved up a level
        assert not Category.objects.filter(pk=tea.json()["id"]).exists()


def test_variants_add_change_with_stock_reason_and_delete(owner_api, market_alpha):  # noqa: F811
    with inside(market_alpha):
        kettle = product_make(stock=0)
    url = f"{OWN}/products/{kettle.pk}/variants/"
    made = owner_api.post(
        url, {"title": "Large", "sku": "KT-L", "options": {"Size": "L"}, "price_main": 2_000_000, "stock": 4},
        format="json",
    )  # fmt: skip
    assert made.status_code == 201, made.json()
    variant = made.json()
    assert variant["options"] == {"Size": "L"} and variant["price_main"]["rials"] == 2_000_000
    assert variant["stock"] == 4
    twin = owner_api.post(url, {"title": "Twin", "sku": "KT-L"}, format="json")
    assert twin.status_code == 400 and "sku" in twin.json()["errors"]
    odd_price = owner_api.post(url, {"title": "Odd", "sku": "KT-O", "price_main": 12_345}, format="json")
    assert odd_price.status_code == 400 and "price_main" in odd_price.json()["errors"]
    changed = owner_api.patch(f"{url}{variant['id']}/", {"stock": 9, "stock_reason": "restock"}, format="json")
    assert changed.status_code == 200 and changed.json()["stock"] == 9 and changed.json()["title"] == "Large"
    bad_reason = owner_api.patch(f"{url}{variant['id']}/", {"stock": 1, "stock_reason": "theft"}, format="json")
    assert bad_reason.status_code == 400
    with inside(market_alpha):
        assert StockMovement.objects.filter(variant_id=variant["id"], reason="restock", quantity_after=9).exists()
        assert ProductVariant.objects.get(pk=variant["id"]).stock == 9
    assert [v["id"] for v in owner_api.get(url).json()] == [variant["id"]]
    assert owner_api.delete(f"{url}{variant['id']}/").status_code == 204
    with inside(market_alpha):
        assert not ProductVariant.objects.filter(pk=variant["id"]).exists()


def test_a_product_with_its_own_stock_must_empty_it_before_variants(owner_api, market_alpha):  # noqa: F811
    with inside(market_alpha):
        kettle = product_make(stock=3)
    refused = owner_api.post(f"{OWN}/products/{kettle.pk}/variants/", {"title": "L", "sku": "X-L"}, format="json")
    assert refused.status_code == 400 and "stock to zero" in refused.json()["detail"]


def test_discounts_add_change_delete(owner_api, market_alpha):  # noqa: F811
    with inside(market_alpha):
        kettle = product_make(price=1_000_000)
    url = f"{OWN}/products/{kettle.pk}/discounts/"
    made = owner_api.post(
        url,
        {"kind": "percent", "value": 10, "min_quantity": 2, "starts_at": "2026-12-15T00:00:00+03:30",
         "ends_at": "2026-12-22T23:59:00+03:30"},
        format="json",
    )  # fmt: skip
    assert made.status_code == 201, made.json()
    discount = made.json()
    assert discount["value"] == 10 and discount["starts_at"]["iso"].startswith("2026-12-15T00:00:00")
    too_big = owner_api.post(url, {"kind": "fixed", "value": 1_000_000}, format="json")
    assert too_big.status_code == 400 and "smaller than the price" in too_big.json()["errors"]["value"][0]
    backwards = owner_api.post(
        url, {"kind": "percent", "value": 5, "starts_at": "2026-12-22T00:00:00+03:30",
              "ends_at": "2026-12-15T00:00:00+03:30"}, format="json",
    )  # fmt: skip
    assert backwards.status_code == 400 and "ends_at" in backwards.json()["errors"]
    assert owner_api.post(url, {"kind": "percent", "value": 150}, format="json").status_code == 400
    fixed = owner_api.post(url, {"kind": "fixed", "value": 100_000}, format="json").json()
    assert fixed["value"] == 100_000  # Rials in, Rials out
    changed = owner_api.patch(f"{url}{discount['id']}/", {"value": 20, "is_active": False}, format="json")
    assert changed.status_code == 200 and changed.json()["value"] == 20 and changed.json()["is_active"] is False
    assert changed.json()["min_quantity"] == 2
    assert owner_api.delete(f"{url}{fixed['id']}/").status_code == 204
    with inside(market_alpha):
        assert list(Discount.objects.filter(product=kettle).values_list("value", flat=True)) == [20]


def test_catalogue_structure_is_for_catalogue_roles(market_alpha):
    with inside(market_alpha):
        kettle = product_make()
    support = member_api("support", market_alpha)
    for method, url, body in [
        ("get", f"{OWN}/categories/", None),
        ("post", f"{OWN}/categories/", {"name": "Nope"}),
        ("post", f"{OWN}/products/{kettle.pk}/variants/", {"title": "L", "sku": "N-L"}),
        ("post", f"{OWN}/products/{kettle.pk}/discounts/", {"kind": "percent", "value": 5}),
        ("get", f"{OWN}/analytics/", None),
    ]:
        assert getattr(support, method)(url, body, format="json").status_code == 403, url
    editor = member_api("editor", market_alpha)
    assert editor.post(f"{OWN}/categories/", {"name": "Editors may"}, format="json").status_code == 201
    assert editor.get(f"{OWN}/analytics/").status_code == 403  # analytics: owner and managers


def test_analytics_summary_agrees_with_the_dashboard_page(owner_api, market_alpha):  # noqa: F811
    with tenant_context(market_alpha):
        data = known_day()
        rollup_day(day=data.day, market_id=market_alpha.pk)
    connection.set_schema_to_public()
    period = f"?start={data.day - datetime.timedelta(days=6):%Y-%m-%d}&end={data.day:%Y-%m-%d}"
    summary = owner_api.get(f"{OWN}/analytics/{period}").json()
    page = member_client(market_alpha, "owner", OWNER_MOBILE).get("/dashboard/analytics/" + period).content.decode()
    assert summary["revenue"]["rials"] == 9_000_000 and summary["orders"] == 2 and summary["visits"] == 4
    assert f'data-testid="revenue">{summary["revenue"]["display"]}<' in page
    assert f'data-testid="visits">{summary["visits"]}<' in page
    assert f'data-testid="conversion">{summary["conversion_percent"]}%<' in page
    assert [step["count"] for step in summary["funnel"]] == [4, 2, 2, 1, 1]
    assert len(summary["days"]) == 7 and summary["top_products"][0]["title"] == "Teapot"
    wrong = owner_api.get(f"{OWN}/analytics/?start=yesterday")
    assert wrong.status_code == 400 and "start" in wrong.json()["errors"]
