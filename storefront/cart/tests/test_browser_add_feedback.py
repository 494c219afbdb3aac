"""Adding to the cart on a phone gives feedback the shopper can see wherever they have scrolled to:
the pressed button says "added ✓", a toast at the bottom of the screen names the product with a link
to the cart, and the header's mini-cart count goes up. In Persian and English."""

import uuid

import pytest
from django_tenants.utils import tenant_context

from conftest import SCREENSHOTS
from storefront.cart.models import Cart
from storefront.catalog import services
from storefront.catalog.models import Product, StockMovement
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db

ADDED = {"fa": "افزوده شد ✓", "en": "Added ✓"}
VIEW_CART = {"fa": "دیدن سبد", "en": "View cart"}


def _seed(market) -> Product:
    with tenant_context(market):
        return services.product_create(
            title="سماور برقی ۴ لیتری",
            slug=f"samovar-{uuid.uuid4().hex[:6]}",
            price_main=45_000_000,
            description="سماوری برای هر روز. " * 60,
            initial_stock=5,
        )


def _remove(market, product) -> None:
    with tenant_context(market):
        Cart.objects.filter(items__product_id=product.pk).delete()
        StockMovement.objects.filter(product_id=product.pk).delete()
        Product.objects.filter(pk=product.pk).delete()


@pytest.fixture
def samovar(market_alpha):
    product = committed(_seed, market_alpha)
    yield product
    committed(_remove, market_alpha, product)


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("language", ["fa", "en"])
def test_add_to_cart_on_a_phone_is_seen(browser, live_server_url, samovar, language):
    shop = live_server_url.replace("localhost", "alpha.localhost")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR")
    context.add_cookies([{"name": "asoud_language", "value": language, "url": shop}])
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(f"{shop}/p/{samovar.slug}/")
        button = page.locator(".add-to-cart-button")
        button.scroll_into_view_if_needed()
        page.mouse.wheel(0, 300)
        button.scroll_into_view_if_needed()
        assert not _in_view(page, page.locator("#mini-cart")), "the test must scroll the header away"
        button.click()

        toast = page.locator("#messages .alert-success")
        toast.wait_for()
        assert samovar.title in toast.inner_text()
        assert _in_view(page, toast), "the 'added' message must be on screen, not at the top of the page"
        assert toast.locator("a.alert-link").inner_text().strip() == VIEW_CART[language]
        assert ADDED[language] in button.inner_text()
        count = "۱" if language == "fa" else "1"
        assert page.locator("#mini-cart .mini-cart-count").inner_text().strip() == count
        page.screenshot(path=str(SCREENSHOTS / f"cart-added-phone-{language}.png"))  # what is on screen
        assert errors == []
    finally:
        context.close()
