"""The cart as a shopper uses it: add, change, remove (with and without htmx), stock, rules, prices."""

import re

import pytest
from django.utils import timezone

from asoud.core.testing import persian
from storefront.cart.models import CartItem

from .factories import colleague_make, gift, percent_off, product_make, requires, variant_make

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def add(client, product, quantity=1, variant=None, htmx=False, **extra):
    data = {"product": product.pk, "quantity": quantity}
    if variant is not None:
        data["variant"] = variant.pk
    return client.post("/cart/add/", {**data, **extra}, **(HTMX if htmx else {}))


def page_text(response) -> str:
    """The page's text with spaces collapsed and the bidi isolates around names left out."""
    return re.sub(r"[\u2066-\u2069]", "", re.sub(r"\s+", " ", response.content.decode()))


def test_an_empty_cart_invites_to_shop(shop):
    response = shop.get("/cart/")
    assert response.status_code == 200
    assert "Your cart is empty" in response.text
    assert 'id="mini-cart"' not in response.text or "Cart, 0 items" in response.text


def test_adding_without_javascript_redirects_to_the_cart_with_a_message(shop):
    kettle = product_make(title="Steel kettle", price=1_850_000, stock=5)
    response = add(shop, kettle, quantity=2)
    assert response.status_code == 302 and response["Location"] == "/cart/"
    page = shop.get("/cart/")
    text = page_text(page)
    assert "“Steel kettle” is in your cart." in text
    assert "Steel kettle" in text and "370,000 Toman" in text  # 2 × 185,000 Toman
    assert CartItem.objects.get(product=kettle).quantity == 2


def test_adding_with_htmx_updates_the_mini_cart_out_of_band(shop):
    kettle = product_make(title="Steel kettle", price=1_850_000, stock=5)
    response = add(shop, kettle, quantity=3, htmx=True)
    assert response.status_code == 200
    text = page_text(response)
    assert 'id="mini-cart"' in text and 'hx-swap-oob="true"' in text
    assert "Cart, 3 items" in text and "555,000 Toman" in text
    assert 'hx-swap-oob="innerHTML:#messages"' in text and "is in your cart" in text
    assert "<html" not in text
    assert '"cart-changed"' in response["HX-Trigger"] and '"count": 3' in response["HX-Trigger"]


def test_the_next_field_brings_a_visitor_back_to_the_product(shop):
    kettle = product_make(stock=5)
    response = add(shop, kettle, next="/products/kettle/")
    assert response["Location"] == "/products/kettle/"
    assert add(shop, kettle, next="https://evil.example/")["Location"] == "/cart/"


def test_quantities_are_checked_against_stock(shop):
    kettle = product_make(title="Steel kettle", stock=2)
    add(shop, kettle, quantity=2)
    response = add(shop, kettle, quantity=1, htmx=True)
    assert "Only 2 of “Steel kettle” are left in stock." in page_text(response)
    assert CartItem.objects.get(product=kettle).quantity == 2

    sold_out = product_make(title="Rare teapot", stock=0)
    add(shop, sold_out)
    assert "Sorry, “Rare teapot” is out of stock." in page_text(shop.get("/cart/"))
    assert not CartItem.objects.filter(product=sold_out).exists()


def test_a_product_with_options_needs_one_chosen(shop):
    shirt = product_make(title="Shirt", stock=0)
    large = variant_make(shirt, title="Large", stock=1, price=900_000)
    add(shop, shirt)
    assert "Choose an option of “Shirt” first." in page_text(shop.get("/cart/"))
    add(shop, shirt, variant=large)
    text = page_text(shop.get("/cart/"))
    assert "Large" in text and "90,000 Toman" in text
    add(shop, shirt, variant=large)
    assert "Only 1 of “Shirt — Large” is left in stock." in page_text(shop.get("/cart/"))


def test_changing_quantities_full_page_and_fragment(shop):
    kettle = product_make(title="Steel kettle", price=1_000_000, stock=4)
    add(shop, kettle)
    item = CartItem.objects.get(product=kettle)

    response = shop.post(f"/cart/items/{item.pk}/", {"quantity": 1, "change": "1"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.quantity == 2

    response = shop.post(f"/cart/items/{item.pk}/", {"quantity": 9}, **HTMX)
    text = page_text(response)
    assert 'id="cart-body"' in text and "Only 4 of “Steel kettle” are left in stock." in text
    item.refresh_from_db()
    assert item.quantity == 2

    response = shop.post(f"/cart/items/{item.pk}/", {"quantity": 4}, **HTMX)
    assert 'id="cart-total">400,000 Toman' in page_text(response)

    shop.post(f"/cart/items/{item.pk}/", {"quantity": 1, "change": "-1"}, **HTMX)
    assert not CartItem.objects.filter(pk=item.pk).exists()


def test_removing_full_page_and_fragment(shop):
    kettle, pot = product_make(title="Steel kettle"), product_make(title="Granite pot")
    add(shop, kettle)
    add(shop, pot)
    kettle_item, pot_item = CartItem.objects.get(product=kettle), CartItem.objects.get(product=pot)

    response = shop.post(f"/cart/items/{kettle_item.pk}/remove/")
    assert response.status_code == 302
    assert "“Steel kettle” was removed from your cart." in page_text(shop.get("/cart/"))

    response = shop.post(f"/cart/items/{pot_item.pk}/remove/", **HTMX)
    text = page_text(response)
    assert "Your cart is empty" in text and 'hx-swap-oob="true"' in text
    assert not CartItem.objects.exists()


def test_nobody_changes_someone_elses_cart(shop, shopper):
    from .conftest import market_client

    kettle = product_make()
    add(shop, kettle)
    item = CartItem.objects.get(product=kettle)
    stranger = market_client()
    assert stranger.post(f"/cart/items/{item.pk}/", {"quantity": 5}).status_code == 404
    assert stranger.post(f"/cart/items/{item.pk}/remove/").status_code == 404
    assert CartItem.objects.get(pk=item.pk).quantity == 1


def test_the_cart_page_fragment_and_the_mini_cart_endpoint(shop):
    kettle = product_make(title="Steel kettle", price=2_000_000)
    add(shop, kettle, quantity=2)
    fragment = shop.get("/cart/", **HTMX)
    assert fragment.text.lstrip().startswith('<div id="cart-body"') and "<html" not in fragment.text
    assert fragment["Vary"].count("HX-Request") == 1
    mini = shop.get("/cart/mini/")
    assert 'id="mini-cart"' in mini.text and "400,000 Toman" in mini.text and "hx-swap-oob" not in mini.text


def test_adding_a_product_adds_the_products_it_requires(shop):
    printer = product_make(title="Printer", price=50_000_000)
    cartridge = product_make(title="Ink cartridge", price=3_000_000)
    requires(printer, cartridge, quantity=2)
    add(shop, printer)
    assert CartItem.objects.get(product=cartridge).quantity == 2
    text = page_text(shop.get("/cart/"))
    assert "2 × “Ink cartridge” were added too: “Printer” is sold together with it." in text

    # Removing the required product is allowed, but the cart says what is missing and can't check out.
    shop.post(f"/cart/items/{CartItem.objects.get(product=cartridge).pk}/remove/")
    text = page_text(shop.get("/cart/"))
    assert "“Printer” can only be bought together with “Ink cartridge”: add it to your cart." in text
    assert 'href="/checkout/"' not in text


def test_a_product_whose_required_product_is_sold_out_is_not_added(shop):
    printer = product_make(title="Printer")
    cartridge = product_make(title="Ink cartridge", stock=0)
    requires(printer, cartridge)
    add(shop, printer)
    assert not CartItem.objects.exists()
    assert "which is not available now" in page_text(shop.get("/cart/"))


def test_gifts_come_free_while_their_stock_lasts_and_go_with_their_product(shop):
    coffee = product_make(title="Coffee beans", price=4_000_000, stock=20)
    mug = product_make(title="Enamel mug", price=1_200_000, stock=3)
    gift(coffee, mug)
    add(shop, coffee, quantity=2)
    text = page_text(shop.get("/cart/"))
    assert "Free gifts with your order" in text and "Enamel mug" in text and "Comes with “Coffee beans”" in text
    assert 'id="cart-total">800,000 Toman' in text  # gifts cost nothing
    assert not CartItem.objects.filter(product=mug).exists()  # never a line the shopper has to manage

    item = CartItem.objects.get(product=coffee)
    shop.post(f"/cart/items/{item.pk}/", {"quantity": 5})
    assert "× 3" in page_text(shop.get("/cart/"))  # only 3 mugs left
    shop.post(f"/cart/items/{item.pk}/remove/")
    assert "Enamel mug" not in page_text(shop.get("/cart/"))


def test_discounts_apply_and_totals_come_from_the_server(shop):
    kettle = product_make(title="Steel kettle", price=2_000_000, stock=10)
    percent_off(kettle, 10)
    percent_off(kettle, 25, min_quantity=3)
    add(shop, kettle, quantity=2, price="1", total="1")  # prices sent by a client are ignored
    text = page_text(shop.get("/cart/"))
    assert 'id="cart-total">360,000 Toman' in text and 'id="cart-saving">−40,000 Toman' in text
    shop.post(f"/cart/items/{CartItem.objects.get(product=kettle).pk}/", {"quantity": 3})
    assert 'id="cart-total">450,000 Toman' in page_text(shop.get("/cart/"))


def test_approved_colleagues_see_their_price(signed_in, shopper):
    kettle = product_make(title="Steel kettle", price=2_000_000, price_colleague=1_500_000)
    colleague_make(shopper)
    add(signed_in, kettle)
    text = page_text(signed_in.get("/cart/"))
    assert "Colleague prices applied" in text and 'id="cart-total">150,000 Toman' in text


def test_a_price_change_shows_up_in_the_cart(shop):
    kettle = product_make(price=1_000_000)
    add(shop, kettle)
    kettle.price_main = 1_200_000
    kettle.save()
    assert 'id="cart-total">120,000 Toman' in page_text(shop.get("/cart/"))


def test_persian_cart(shop):
    persian(shop)
    kettle = product_make(title="کتری", price=1_850_000, stock=5)
    add(shop, kettle, quantity=2)
    text = page_text(shop.get("/cart/"))
    assert 'dir="rtl"' in text and "سبد خرید" in text and "۳۷۰٬۰۰۰ تومان" in text


def test_the_cart_suggests_products_bought_with_what_is_in_it(shop):
    from storefront.analytics.services import recommendations_compute
    from storefront.analytics.tests.factories import order_make, shopper
    from storefront.catalog.services import category_create

    tea = category_create(name="Tea", slug="cart-tea")
    kettle = product_make(title="Tea kettle", category=tea)
    glasses = product_make(title="Tea glass set", category=tea)
    add(shop, kettle, quantity=1)
    # Nobody bought them together yet: no suggestion (the category's products are not "bought with it").
    assert 'id="bought-together"' not in page_text(shop.get("/cart/"))
    bought = [(kettle, 1, 1_000_000), (glasses, 1, 1_000_000)]
    order_make(user=shopper(name="Earlier buyer"), items=bought, created_at=timezone.now())
    recommendations_compute()  # forgets what pages cached: the suggestion shows at once
    text = page_text(shop.get("/cart/"))
    assert "Tea glass set" in text.split('id="bought-together"', 1)[1]
