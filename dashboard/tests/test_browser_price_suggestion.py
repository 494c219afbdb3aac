"""The price suggestion card in a real browser: it loads into the product page (htmx, no inline
script), shows its reasons, and "Set the price" changes the price in place, with no reload."""

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from asoud.accounts.models import User
from asoud.notifications.tests.live import session_for
from conftest import screenshot
from storefront.analytics import services
from storefront.analytics.models import PriceSuggestion, ProductDaily
from storefront.analytics.synthetic import price_history
from storefront.analytics.tests.factories import category_make, product_make
from storefront.catalog.models import Category, Product, StockMovement
from storefront.orders.tests.helpers import committed
from tenants.models import Market

pytestmark = pytest.mark.django_db


def _seed(market) -> dict:
    with tenant_context(market):
        category = category_make("Browser gifts")
        today = timezone.localdate()
        products = []
        for index, truth in enumerate(
            p for p in price_history(products_per_category=3, seed=5) if p.category == "gifts"
        ):
            product = product_make(f"Gift box {index}", price=truth.reference, category=category)
            ProductDaily.objects.bulk_create(
                ProductDaily(day=today - datetime.timedelta(days=len(truth.days) - n), product_id=product.pk,
                             views=d.views, orders=d.orders, units=d.orders, price=d.price)
                for n, d in enumerate(truth.days)
            )  # fmt: skip
            products.append(product)
        services.price_suggestions_compute()
    return {"category": category, "products": products}


def _remove(market, data) -> None:
    with tenant_context(market):
        ids = [p.pk for p in data["products"]]
        PriceSuggestion.objects.filter(product_id__in=ids).delete()
        ProductDaily.objects.filter(product_id__in=ids).delete()
        StockMovement.objects.filter(product_id__in=ids).delete()
        Product.objects.filter(pk__in=ids).delete()
        Category.objects.filter(pk=data["category"].pk).delete()


def test_the_owner_sets_the_suggested_price_from_the_product_page(browser, live_server_url):
    market = Market.objects.get(slug="alpha")
    shop = live_server_url.replace("localhost", "alpha.localhost")
    data = committed(_seed, market)
    product = data["products"][0]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        owner = User.objects.get(pk=market.owner_id)
        context.add_cookies(
            [
                {"name": "sessionid", "value": committed(session_for, owner), "url": shop},
                {"name": "asoud_language", "value": "en", "url": shop},
                {"name": "asoud_signin_checked", "value": "1", "url": shop},
            ]
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{shop}/dashboard/products/{product.pk}/")
        card = page.locator("#price-suggestion")
        expect(card.get_by_test_id("expected-effect")).to_contain_text("Expected per visitor")
        expect(card).to_contain_text("10% more on the price means")
        suggested = card.get_by_test_id("suggested-price").inner_text()
        screenshot(page, "dashboard-price-suggestion-en")
        card.get_by_test_id("accept-price").click()
        expect(page.locator("#price-suggestion")).to_contain_text("The new price is set.")
        expect(page.locator("#price-suggestion").get_by_test_id("decided")).to_contain_text(suggested)
        with tenant_context(market):
            suggestion = PriceSuggestion.objects.get(product_id=product.pk)
            assert Product.objects.get(pk=product.pk).price_main == suggestion.suggested_price
    finally:
        context.close()
        committed(_remove, market, data)
