"""The product page: variant picker (full page and htmx fragment), stock, required and gift items."""

import re

import pytest

from storefront.catalog.models import ProductRelation
from storefront.catalog.services import product_relation_add, stock_adjust
from storefront.catalog.tests.factories import DiscountFactory, ProductFactory, VariantFactory


@pytest.fixture
def mug(in_alpha):
    with in_alpha():
        mug = ProductFactory(title="Ceramic mug", slug="mug", price_main=3_200_000, initial_stock=0, sku="MUG")
        VariantFactory(product=mug, title="Turquoise", sku="MUG-T", initial_stock=12)
        VariantFactory(product=mug, title="Navy", sku="MUG-N", price_main=3_400_000, initial_stock=2)
        VariantFactory(product=mug, title="Black", sku="MUG-B", initial_stock=0)
        mug.variant_ids = dict(mug.variants.values_list("sku", "pk"))
        return mug


def buy_box(html: str) -> str:
    return re.search(r'<div id="buy-box".*?</form>', html, re.S).group(0)


@pytest.mark.django_db
def test_product_page_shows_the_first_variant_in_stock(alpha_client, mug):
    alpha_client.cookies["asoud_language"] = "en"
    box = buy_box(alpha_client.get("/p/mug/").text)
    assert 'data-testid="sku">MUG-T<' in box
    assert "320,000 Toman" in box
    assert "In stock" in box
    assert re.search(r'name="variant" value="\d+"', box)


@pytest.mark.django_db
def test_picking_a_variant_without_javascript(alpha_client, mug):
    alpha_client.cookies["asoud_language"] = "en"
    navy = mug.variant_ids["MUG-N"]
    html = alpha_client.get(f"/p/mug/?variant={navy}").text
    box = buy_box(html)
    assert 'data-testid="sku">MUG-N<' in box
    assert "340,000 Toman" in box
    assert "Only 2 left in stock" in box
    assert f'name="variant" value="{navy}"' in box
    assert "<html" in html


@pytest.mark.django_db
def test_picking_a_variant_with_htmx_swaps_only_the_buy_box(alpha_client, mug):
    alpha_client.cookies["asoud_language"] = "en"
    black = mug.variant_ids["MUG-B"]
    response = alpha_client.get(f"/p/mug/?variant={black}", HTTP_HX_REQUEST="true")
    html = response.text
    assert html.lstrip().startswith('<div id="buy-box"')
    assert "<html" not in html and "product-gallery" not in html
    assert 'data-testid="sku">MUG-B<' in html
    assert "Out of stock" in html
    assert re.search(r'<button class="btn btn-store btn-lg add-to-cart-button" type="submit" disabled', html)


@pytest.mark.django_db
def test_variant_links_have_href_and_hx_get(alpha_client, mug):
    html = alpha_client.get("/p/mug/").text
    for variant in mug.variant_ids.values():
        assert f'href="/p/mug/?variant={variant}" hx-get="/p/mug/?variant={variant}"' in html


@pytest.mark.django_db
def test_unknown_variant_falls_back_to_the_default(alpha_client, mug):
    assert 'data-testid="sku">MUG-T<' in alpha_client.get("/p/mug/?variant=999999").text


@pytest.mark.django_db
def test_add_to_cart_form_posts_product_variant_and_quantity(alpha_client, mug):
    html = alpha_client.get("/p/mug/").text
    form = re.search(
        r'<form class="add-to-cart" method="post" action="/cart/add/" [^>]*data-testid="add-to-cart">.*?</form>',
        html,
        re.S,
    )
    assert form is not None
    body = form.group(0)
    assert "csrfmiddlewaretoken" in body
    assert f'name="product" value="{mug.pk}"' in body
    assert 'name="quantity" value="1" min="1"' in body


@pytest.mark.django_db
def test_discount_shows_the_old_price_struck_through_and_the_saving(alpha_client, in_alpha):
    with in_alpha():
        kettle = ProductFactory(title="Kettle", slug="kettle", price_main=20_000_000)
        DiscountFactory(product=kettle, value=25)
    alpha_client.cookies["asoud_language"] = "en"
    box = buy_box(alpha_client.get("/p/kettle/").text)
    assert "1,500,000 Toman" in box
    assert "<del" in box and "2,000,000</del>" in box
    assert "You save 500,000 Toman (25%)" in box


@pytest.mark.django_db
def test_quantity_discount_is_offered(alpha_client, in_alpha):
    with in_alpha():
        nuts = ProductFactory(title="Pistachio", slug="pistachio", price_main=1_000_000)
        DiscountFactory(product=nuts, value=10, min_quantity=3)
    alpha_client.cookies["asoud_language"] = "en"
    box = buy_box(alpha_client.get("/p/pistachio/").text)
    assert "Buy 3 or more: 90,000 Toman each" in box
    assert "100,000 Toman" in box and "<del" not in box


@pytest.mark.django_db
def test_required_and_gift_products_are_shown(alpha_client, in_alpha):
    with in_alpha():
        lamp = ProductFactory(title="Rattan lamp", slug="lamp")
        bulb = ProductFactory(title="LED bulb", slug="bulb", price_main=950_000)
        card = ProductFactory(title="Greeting card", slug="card")
        pen = ProductFactory(title="Pen", slug="pen", initial_stock=1)
        product_relation_add(product=lamp, related=bulb, kind=ProductRelation.Kind.REQUIRED, quantity=2)
        product_relation_add(product=lamp, related=card, kind=ProductRelation.Kind.GIFT)
        product_relation_add(product=lamp, related=pen, kind=ProductRelation.Kind.GIFT)
        stock_adjust(product=pen, delta=-1, reason="sale")
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/p/lamp/").text
    required = re.search(r'<div class="product-required">.*?</div>\s*</div>', html, re.S).group(0)
    assert "Must be bought together with" in required and "LED bulb" in required and "95,000 Toman" in required
    assert "2 × LED bulb" in required
    assert "Free gift with this product" in html and "Greeting card" in html and "while stock lasts" in html
    assert "Pen" not in html  # a gift out of stock is not promised


@pytest.mark.django_db
def test_description_is_sanitised_and_specifications_listed(alpha_client, in_alpha):
    with in_alpha():
        ProductFactory(
            slug="safe",
            description='<p onclick="steal()">Fine <b>steel</b></p><script>alert(1)</script>',
            specifications=[("Material", "Steel"), ("Capacity", "3 litres")],
            weight_grams=1500,
        )
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/p/safe/").text
    assert "<p>Fine <b>steel</b></p>" in html
    assert "alert(1)" not in html and "onclick" not in html
    assert '<th scope="row" dir="auto">Material</th><td dir="auto">Steel</td>' in html
    assert "1.5 kg" in html
