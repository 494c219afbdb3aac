"""The products area of the owner dashboard, as the owner sees it (full pages and htmx fragments)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from asoud.accounts.models import User
from asoud.core.testing import persian
from asoud.core.toman import parse_toman, rials_to_toman, toman_to_rials
from storefront.catalog.models import Category, Discount, Product, ProductImage, ProductRelation, StockMovement
from storefront.catalog.services import variant_create

from .factories import category_make, image_file, product_make

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def owner(market_alpha):
    return User.objects.get(mobile="+989130000001")


@pytest.fixture
def owner_client(alpha_client, owner):
    alpha_client.force_login(owner)
    alpha_client.cookies["asoud_language"] = "en"  # assertions read the English text
    return alpha_client


def in_alpha(market_alpha, function):
    with tenant_context(market_alpha):
        return function()


# --- Money: Toman in the UI, Rials in the database -----------------------------------------------


def test_toman_and_rials_convert_both_ways():
    assert toman_to_rials(125_000) == 1_250_000
    assert rials_to_toman(1_250_000) == 125_000
    assert str(rials_to_toman(12_345)) == "1234.5"  # an odd Rial amount survives an edit
    assert parse_toman("۱۲۵٬۰۰۰") == 1_250_000
    assert parse_toman("125,000") == 1_250_000
    assert parse_toman("1234.5") == 12_345


@pytest.mark.parametrize("bad", ["abc", "-5", "12.34", "1e5", "۱۲ تومان"])
def test_bad_toman_input_is_refused_with_a_message(bad):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            parse_toman(bad)
        assert "Toman" in str(error.value.messages[0])


def test_the_edit_form_shows_toman_and_saves_rials(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(title="Saffron", price_main=2_500_000))
    page = owner_client.get(f"/dashboard/products/{product.pk}/")
    assert page.status_code == 200
    assert 'value="250000"' in page.content.decode()  # 2,500,000 Rials shown as 250,000 Toman
    response = owner_client.post(f"/dashboard/products/{product.pk}/", _product_post(product, price_main="۳۰۰٬۰۰۰"))
    assert response.status_code == 302
    assert in_alpha(market_alpha, lambda: Product.objects.get(pk=product.pk).price_main) == 3_000_000


# --- The list: search, filters, sorting, pages --------------------------------------------------


def test_list_full_page_and_table_fragment(owner_client, market_alpha):
    in_alpha(market_alpha, lambda: [product_make(title="Green tea"), product_make(title="Black coffee")])
    page = owner_client.get("/dashboard/products/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html and 'id="product-table"' in html and "Green tea" in html
    fragment = owner_client.get("/dashboard/products/?q=green", **HTMX)
    body = fragment.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<div id="product-table"')
    assert "Green tea" in body and "Black coffee" not in body
    assert "HX-Request" in fragment["Vary"]


def test_search_finds_by_sku_and_by_a_word_prefix(owner_client, market_alpha):
    in_alpha(market_alpha, lambda: [product_make(title="Persian saffron", sku="SAF-1"), product_make(title="Rice")])
    assert "Persian saffron" in owner_client.get("/dashboard/products/?q=SAF-1", **HTMX).content.decode()
    body = owner_client.get("/dashboard/products/?q=saff", **HTMX).content.decode()
    assert "Persian saffron" in body and "Rice" not in body


def test_filters_by_category_status_and_stock_state(owner_client, market_alpha):
    def make():
        tea = category_make("Tea")
        product_make(title="Tea in stock", category=tea, initial_stock=20)
        product_make(title="Tea low", category=tea, initial_stock=2)
        product_make(title="Coffee out", initial_stock=0)
        product_make(title="Hidden thing", is_active=False, initial_stock=5)
        return tea

    tea = in_alpha(market_alpha, make)

    def titles(query):
        body = owner_client.get(f"/dashboard/products/?{query}", **HTMX).content.decode()
        return {t for t in ("Tea in stock", "Tea low", "Coffee out", "Hidden thing") if t in body}

    assert titles(f"category={tea.pk}") == {"Tea in stock", "Tea low"}
    assert titles("stock=low") == {"Tea low"}
    assert titles("stock=out") == {"Coffee out"}
    assert titles("stock=in") == {"Tea in stock", "Tea low", "Hidden thing"}
    assert titles("active=0") == {"Hidden thing"}
    assert titles("active=1&stock=in") == {"Tea in stock", "Tea low"}


def test_sorting_by_price_title_stock_and_best_selling(owner_client, market_alpha):
    def make():
        product_make(title="B middle", price_main=20_000, initial_stock=5)
        product_make(title="A cheap", price_main=10_000, initial_stock=9)
        c = product_make(title="C dear", price_main=30_000, initial_stock=1)
        Product.objects.filter(pk=c.pk).update(sold_count=50)

    in_alpha(market_alpha, make)

    def order(sort):
        body = owner_client.get(f"/dashboard/products/?sort={sort}", **HTMX).content.decode()
        return sorted(("A cheap", "B middle", "C dear"), key=body.index)

    assert order("title") == ["A cheap", "B middle", "C dear"]
    assert order("price") == ["A cheap", "B middle", "C dear"]
    assert order("-price") == ["C dear", "B middle", "A cheap"]
    assert order("stock") == ["C dear", "B middle", "A cheap"]
    assert order("best_selling")[0] == "C dear"
    assert owner_client.get("/dashboard/products/?sort=nonsense&page=abc").status_code == 200  # never a 500


def test_pagination_keeps_the_filters(owner_client, market_alpha):
    in_alpha(market_alpha, lambda: [product_make(title=f"Tea {n}") for n in range(30)])
    body = owner_client.get("/dashboard/products/?q=tea", **HTMX).content.decode()
    assert "q=tea&amp;page=2" in body
    second = owner_client.get("/dashboard/products/?q=tea&page=2", **HTMX).content.decode()
    assert second.count('data-testid="product-row"') == 5


def test_empty_shop_shows_how_to_start(owner_client, market_alpha):
    body = owner_client.get("/dashboard/products/").content.decode()
    assert "Your shop has no products yet." in body


def test_query_count_is_equal_for_10_and_100_products(owner_client, market_alpha):
    """The same measurement in one test, so it never depends on which ran first."""

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get("/dashboard/products/").status_code == 200
        return len(queries)

    in_alpha(market_alpha, lambda: [product_make(category=category_make(f"C{n}")) for n in range(10)])
    owner_client.get("/dashboard/products/")
    ten = measure()
    in_alpha(market_alpha, lambda: [product_make(category=category_make(f"D{n}")) for n in range(90)])
    assert measure() == ten


# --- Inline price and stock edits ---------------------------------------------------------------


def test_inline_price_edit_fragment_then_save_swaps_the_row(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(title="Tea", price_main=1_000_000))
    url = f"/dashboard/products/{product.pk}/quick/price/"
    form = owner_client.get(url, **HTMX).content.decode()
    assert form.lstrip().startswith(f'<tr id="product-row-{product.pk}"') and 'name="price_main"' in form
    assert 'value="100000"' in form
    saved = owner_client.post(url, {"price_main": "120,000"}, **HTMX)
    assert saved.status_code == 200
    assert 'name="price_main"' not in saved.content.decode()  # back to the plain row
    assert "Price saved." in saved["HX-Trigger"]
    assert in_alpha(market_alpha, lambda: Product.objects.get(pk=product.pk).price_main) == 1_200_000


def test_inline_price_edit_without_javascript(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(title="Tea", price_main=1_000_000))
    url = f"/dashboard/products/{product.pk}/quick/price/"
    page = owner_client.get(url).content.decode()
    assert "<html" in page and 'name="price_main"' in page
    response = owner_client.post(url, {"price_main": "90000", "next": "/dashboard/products/?q=tea"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/products/?q=tea"


def test_inline_price_edit_bad_input_keeps_what_was_typed(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(price_main=1_000_000))
    response = owner_client.post(f"/dashboard/products/{product.pk}/quick/price/", {"price_main": "12abc"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and 'value="12abc"' in body and "Enter an amount in Toman" in body
    assert in_alpha(market_alpha, lambda: Product.objects.get(pk=product.pk).price_main) == 1_000_000


def test_inline_stock_edit_records_a_stock_movement_with_the_reason(owner_client, market_alpha, owner):
    product = in_alpha(market_alpha, lambda: product_make(initial_stock=4))
    url = f"/dashboard/products/{product.pk}/quick/stock/"
    assert 'name="reason"' in owner_client.get(url, **HTMX).content.decode()
    response = owner_client.post(url, {"stock": "۱۰", "reason": "restock"}, **HTMX)
    assert response.status_code == 200 and "Stock saved." in response["HX-Trigger"]

    def check():
        movement = StockMovement.objects.filter(product=product).first()
        assert (movement.delta, movement.quantity_after, movement.reason, movement.user_id) == (
            6,
            10,
            "restock",
            owner.pk,
        )
        assert Product.objects.get(pk=product.pk).stock == 10

    in_alpha(market_alpha, check)


def test_inline_stock_edit_refuses_negative_and_products_with_variants(owner_client, market_alpha):
    def make():
        plain = product_make()
        with_variants = product_make()
        variant_create(product=with_variants, title="L", sku=f"{with_variants.sku}-L", initial_stock=3)
        return plain, with_variants

    plain, with_variants = in_alpha(market_alpha, make)
    bad = owner_client.post(
        f"/dashboard/products/{plain.pk}/quick/stock/", {"stock": "-3", "reason": "correction"}, **HTMX
    )
    assert "Stock cannot be negative." in bad.content.decode()
    refused = owner_client.post(
        f"/dashboard/products/{with_variants.pk}/quick/stock/", {"stock": "9", "reason": "correction"}, **HTMX
    )
    assert "change the stock of each variant" in refused.content.decode()
    assert owner_client.get(f"/dashboard/products/{plain.pk}/quick/colour/", **HTMX).status_code == 404


def test_cancel_returns_the_plain_row(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(title="Tea"))
    fragment = owner_client.get(f"/dashboard/products/{product.pk}/row/", **HTMX).content.decode()
    assert fragment.lstrip().startswith(f'<tr id="product-row-{product.pk}"')
    assert owner_client.get(f"/dashboard/products/{product.pk}/row/").status_code == 302


# --- Bulk actions -------------------------------------------------------------------------------


def test_bulk_deactivate_activate_and_delete(owner_client, market_alpha):
    a, b, c = in_alpha(market_alpha, lambda: [product_make(initial_stock=2) for _ in range(3)])
    response = owner_client.post("/dashboard/products/bulk/", {"action": "deactivate", "ids": [a.pk, b.pk]}, **HTMX)
    assert response.status_code == 200 and 'id="product-table"' in response.content.decode()
    assert "2 products deactivated." in response["HX-Trigger"]
    assert in_alpha(
        market_alpha, lambda: set(Product.objects.filter(is_active=False).values_list("pk", flat=True))
    ) == {a.pk, b.pk}
    owner_client.post("/dashboard/products/bulk/", {"action": "activate", "ids": [a.pk]}, **HTMX)
    response = owner_client.post("/dashboard/products/bulk/", {"action": "delete", "ids": [b.pk, c.pk]})
    assert response.status_code == 302
    assert in_alpha(market_alpha, lambda: list(Product.objects.values_list("pk", "is_active"))) == [(a.pk, True)]


def test_bulk_without_a_selection_says_so(owner_client, market_alpha):
    response = owner_client.post("/dashboard/products/bulk/", {"action": "delete"}, **HTMX)
    assert response.status_code == 200 and "Select at least one product first." in response["HX-Trigger"]


def test_bulk_never_touches_another_markets_products(owner_client, market_alpha, market_beta):
    theirs = in_alpha(market_beta, lambda: product_make(title="Beta only"))
    mine = in_alpha(market_alpha, lambda: product_make(title="Alpha only"))
    owner_client.post("/dashboard/products/bulk/", {"action": "delete", "ids": [theirs.pk, mine.pk + 10_000]}, **HTMX)
    assert in_alpha(market_beta, lambda: Product.objects.filter(pk=theirs.pk).exists())


# --- Create and edit ----------------------------------------------------------------------------


def _product_post(product=None, **changes):
    data = {
        "title": product.title if product else "New tea",
        "slug": product.slug if product else "",
        "category": "",
        "sku": product.sku if product else "",
        "price_main": "100000",
        "price_colleague": "",
        "price_marketer": "",
        "stock": str(product.stock) if product else "0",
        "stock_reason": "correction",
        "low_stock_threshold": "3",
        "weight_grams": "",
        "keywords": "",
        "description": "",
        "is_active": "on",
        "variants-TOTAL_FORMS": "0",
        "variants-INITIAL_FORMS": "0",
        "discounts-TOTAL_FORMS": "0",
        "discounts-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_create_page_renders_and_creates_with_tiers_keywords_variants_discounts(owner_client, market_alpha):
    assert owner_client.get("/dashboard/products/new/").status_code == 200
    tea = in_alpha(market_alpha, lambda: category_make("Tea"))
    data = _product_post(
        title="Green tea",
        category=str(tea.pk),
        price_main="120000",
        price_colleague="100000",
        price_marketer="110000",
        keywords="green, tea، organic",
        description="<p>Fresh</p><script>alert(1)</script>",
        **{
            "variants-TOTAL_FORMS": "1",
            "variants-0-title": "500 g",
            "variants-0-sku": "GT-500",
            "variants-0-options": "Weight: 500 g",
            "variants-0-price_main": "130000",
            "variants-0-stock": "7",
            "variants-0-is_active": "on",
            "discounts-TOTAL_FORMS": "1",
            "discounts-0-name": "Spring",
            "discounts-0-kind": "fixed",
            "discounts-0-value": "20,000",
            "discounts-0-min_quantity": "1",
            "discounts-0-is_active": "on",
        },
    )
    data["images"] = [image_file("good.png"), _text_file("notes.txt")]
    response = owner_client.post("/dashboard/products/new/", data)
    assert response.status_code == 302

    def check():
        product = Product.objects.get(title="Green tea")
        assert (product.price_main, product.price_colleague, product.price_marketer) == (
            1_200_000,
            1_000_000,
            1_100_000,
        )
        assert product.category == tea and "script" not in product.description
        assert sorted(product.keywords.values_list("name", flat=True)) == ["green", "organic", "tea"]
        variant = product.variants.get()
        assert (variant.sku, variant.price_main, variant.stock, variant.options) == (
            "GT-500",
            1_300_000,
            7,
            {"Weight": "500 g"},
        )
        assert product.stock == 7 and product.has_variants
        discount = product.discounts.get()
        assert (discount.kind, discount.value) == (Discount.Kind.FIXED, 200_000)  # Toman in, Rials stored
        assert product.images.count() == 1
        return product

    product = in_alpha(market_alpha, check)
    page = owner_client.get(response["Location"]).content.decode()
    assert "notes.txt: This file is not an image we can read." in page
    assert product.slug in page


def _text_file(name):
    import io

    buffer = io.BytesIO(b"not an image")
    buffer.name = name
    return buffer


def test_bad_input_re_renders_with_the_users_input_and_saves_nothing(owner_client, market_alpha):
    in_alpha(market_alpha, lambda: product_make(sku="TAKEN"))
    data = _product_post(title="Kept title", sku="TAKEN", price_main="12x", keywords="kept, words")
    response = owner_client.post("/dashboard/products/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kept title"' in body and 'value="12x"' in body and "kept, words" in body
    assert "Enter an amount in Toman" in body
    fixed = owner_client.post("/dashboard/products/new/", {**data, "price_main": "5000"})
    assert "already uses the SKU" in fixed.content.decode()  # the service's own check, on the SKU field
    assert not in_alpha(market_alpha, lambda: Product.objects.filter(title="Kept title").exists())


def test_a_variant_error_rolls_back_the_whole_save(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(title="Before", sku="P-1"))
    data = _product_post(
        product,
        title="After",
        **{"variants-TOTAL_FORMS": "1", "variants-0-title": "L", "variants-0-sku": "P-1", "variants-0-stock": "1"},
    )
    body = owner_client.post(f"/dashboard/products/{product.pk}/", data).content.decode()
    assert "already uses the SKU" in body and 'value="After"' in body
    assert in_alpha(market_alpha, lambda: Product.objects.get(pk=product.pk).title) == "Before"


def test_edit_changes_stock_through_the_stock_service(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(initial_stock=2))
    response = owner_client.post(
        f"/dashboard/products/{product.pk}/", _product_post(product, stock="9", stock_reason="restock")
    )
    assert response.status_code == 302
    movement = in_alpha(market_alpha, lambda: StockMovement.objects.filter(product_id=product.pk).first())
    assert (movement.delta, movement.reason) == (7, "restock")


def test_edit_updates_and_deletes_discounts(owner_client, market_alpha):
    from storefront.catalog.services import discount_create

    product = in_alpha(market_alpha, lambda: product_make())
    discount = in_alpha(market_alpha, lambda: discount_create(product=product, kind="percent", value=10))
    data = _product_post(
        product,
        **{
            "discounts-TOTAL_FORMS": "1",
            "discounts-INITIAL_FORMS": "1",
            "discounts-0-id": str(discount.pk),
            "discounts-0-kind": "percent",
            "discounts-0-value": "150",
            "discounts-0-min_quantity": "1",
        },
    )
    assert (
        "A percentage discount is between 1 and 100."
        in owner_client.post(f"/dashboard/products/{product.pk}/", data).content.decode()
    )
    data["discounts-0-DELETE"] = "on"
    assert owner_client.post(f"/dashboard/products/{product.pk}/", data).status_code == 302
    assert not in_alpha(market_alpha, lambda: Discount.objects.filter(pk=discount.pk).exists())


def test_another_markets_product_is_not_found(owner_client, market_alpha, market_beta):
    theirs = in_alpha(market_beta, lambda: product_make())
    in_alpha(market_alpha, lambda: Product.objects.filter(pk=theirs.pk).delete())
    for url in (
        f"/dashboard/products/{theirs.pk}/",
        f"/dashboard/products/{theirs.pk}/quick/price/",
        f"/dashboard/products/{theirs.pk}/row/",
    ):
        assert owner_client.get(url).status_code == 404
        assert owner_client.get(url, **HTMX).status_code == 404
    assert (
        owner_client.post(f"/dashboard/products/{theirs.pk}/quick/price/", {"price_main": "1"}, **HTMX).status_code
        == 404
    )
    assert in_alpha(market_beta, lambda: Product.objects.get(pk=theirs.pk).price_main) == 1_000_000


# --- Photos -------------------------------------------------------------------------------------


def test_photos_upload_with_per_file_errors_reorder_alt_and_delete(owner_client, market_alpha):
    product = in_alpha(market_alpha, lambda: product_make(title="Tea"))
    url = f"/dashboard/products/{product.pk}/images/"
    response = owner_client.post(
        url, {"images": [image_file("a.png"), _text_file("bad.pdf"), image_file("b.png", color="blue")]}, **HTMX
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="product-images"')
    assert "bad.pdf: This file is not an image we can read." in body
    assert "2 photos added." in response["HX-Trigger"]
    first, second = in_alpha(
        market_alpha, lambda: list(ProductImage.objects.filter(product=product).order_by("position"))
    )
    owner_client.post(f"/dashboard/products/{product.pk}/images/{second.pk}/up/", **HTMX)
    assert in_alpha(
        market_alpha, lambda: list(ProductImage.objects.filter(product=product).values_list("pk", flat=True))
    ) == [second.pk, first.pk]
    owner_client.post(f"/dashboard/products/{product.pk}/images/order/", {"order": f"{first.pk},{second.pk}"}, **HTMX)
    assert in_alpha(
        market_alpha, lambda: list(ProductImage.objects.filter(product=product).values_list("pk", flat=True))
    ) == [first.pk, second.pk]
    owner_client.post(f"/dashboard/products/{product.pk}/images/{first.pk}/alt/", {"alt": "A cup of tea"})
    assert in_alpha(market_alpha, lambda: ProductImage.objects.get(pk=first.pk).alt) == "A cup of tea"
    response = owner_client.post(f"/dashboard/products/{product.pk}/images/{first.pk}/delete/")
    assert response.status_code == 302
    assert in_alpha(
        market_alpha, lambda: list(ProductImage.objects.filter(product=product).values_list("pk", "position"))
    ) == [(second.pk, 0)]
    assert owner_client.post(url, {}, **HTMX).content.decode().count("Choose one or more photos.") == 1


def test_photos_of_another_product_are_not_reachable(owner_client, market_alpha):
    def make():
        one, two = product_make(), product_make()
        image = ProductImage.objects.create(product=two, image="alpha/x.png", width=1, height=1)
        return one, image

    one, image = in_alpha(market_alpha, make)
    assert owner_client.post(f"/dashboard/products/{one.pk}/images/{image.pk}/delete/").status_code == 404


# --- Required and gift products -----------------------------------------------------------------


def test_relation_search_fragment_add_and_remove(owner_client, market_alpha):
    tea, cup = in_alpha(market_alpha, lambda: [product_make(title="Tea"), product_make(title="Tea cup")])
    fragment = owner_client.get(
        f"/dashboard/products/{tea.pk}/?related_q=cup", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="relation-results"
    )
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="relation-results"') and "Tea cup" in body
    page = owner_client.get(f"/dashboard/products/{tea.pk}/?related_q=cup").content.decode()
    assert "<html" in page and "Tea cup" in page  # the same search without JavaScript
    response = owner_client.post(
        f"/dashboard/products/{tea.pk}/relations/", {"related": cup.pk, "kind": "gift", "quantity": "1"}, **HTMX
    )
    assert response.status_code == 200 and "Tea cup" in response.content.decode()
    relation = in_alpha(market_alpha, lambda: ProductRelation.objects.get(product=tea))
    assert (relation.related_id, relation.kind) == (cup.pk, "gift")
    self_link = owner_client.post(
        f"/dashboard/products/{tea.pk}/relations/", {"related": tea.pk, "kind": "gift", "quantity": "1"}, **HTMX
    )
    assert "Choose a product from the search results." in self_link.content.decode()
    owner_client.post(f"/dashboard/products/{tea.pk}/relations/{relation.pk}/delete/", **HTMX)
    assert not in_alpha(market_alpha, lambda: ProductRelation.objects.exists())


# --- Categories ---------------------------------------------------------------------------------


def test_categories_page_add_edit_delete(owner_client, market_alpha):
    page = owner_client.get("/dashboard/categories/")
    assert page.status_code == 200 and "No categories yet." in page.content.decode()
    response = owner_client.post("/dashboard/categories/", {"name": "چای", "slug": ""}, **HTMX)
    assert response.status_code == 200 and "چای" in response.content.decode()
    tea = in_alpha(market_alpha, lambda: Category.objects.get(name="چای"))
    assert tea.slug == "چای"
    owner_client.post("/dashboard/categories/", {"name": "Green", "parent": tea.pk})
    green = in_alpha(market_alpha, lambda: Category.objects.get(name="Green"))
    edit = owner_client.get(f"/dashboard/categories/{tea.pk}/", **HTMX).content.decode()
    assert edit.lstrip().startswith('<div id="category-panel"') and 'name="edit-name"' in edit
    loop = owner_client.post(f"/dashboard/categories/{tea.pk}/", {"edit-name": "Tea", "edit-parent": green.pk}, **HTMX)
    assert "cannot be placed inside itself" in loop.content.decode()
    owner_client.post(f"/dashboard/categories/{tea.pk}/delete/", **HTMX)
    assert in_alpha(market_alpha, lambda: Category.objects.get(pk=green.pk).parent_id) is None
    assert (
        owner_client.post("/dashboard/categories/", {"name": ""}, **HTMX)
        .content.decode()
        .count("This field is required")
        == 1
    )


# --- In a real browser --------------------------------------------------------------------------


def test_owner_products_journey_in_a_browser(browser, live_server_url, market_alpha):
    """Sign in (a committed session), open the products page, live-search, inline-edit a price.

    The live server is another process: its data is committed from a thread with its own
    connection and deleted at the end.
    """
    import re

    from django.test import Client

    from conftest import screenshot

    from .test_csv import in_own_connection

    def setup():
        with tenant_context(market_alpha):
            tea = category_make("Tea", slug="browser-tea")
            titles = ["Saffron threads", "Green tea", "Black tea", "Rose water", "Dates box", "Pistachio"]
            ids = [
                product_make(
                    title=t,
                    category=tea if "tea" in t else None,
                    price_main=(n + 1) * 1_250_000,
                    initial_stock=[12, 2, 0, 30, 5, 1][n],
                ).pk
                for n, t in enumerate(titles)
            ]
        client = Client()
        client.force_login(User.objects.get(mobile="+989130000001"))
        return ids, tea.pk, client.cookies["sessionid"].value

    ids, category_id, session = in_own_connection(setup)
    market_url = live_server_url.replace("localhost", "alpha.localhost")
    try:
        for language in ("fa", "en"):
            for name, viewport in (
                ("phone", {"width": 390, "height": 844}),
                ("desktop", {"width": 1366, "height": 900}),
            ):
                context = browser.new_context(viewport=viewport, locale="fa-IR")
                context.add_cookies(
                    [
                        {"name": "sessionid", "value": session, "url": market_url},
                        {"name": "asoud_language", "value": language, "url": market_url},
                    ]
                )
                page = context.new_page()
                page.set_default_timeout(15_000)
                page.goto(f"{market_url}/dashboard/products/")
                page.wait_for_selector("[data-testid=product-row]")
                screenshot(page, f"dashboard-products-{name}-{language}")
                if language == "en" and name == "desktop":
                    page.get_by_test_id("product-search").fill("tea")
                    page.wait_for_url(re.compile(r"q=tea"))
                    expect(page.locator("[data-testid=product-row]")).to_have_count(2, timeout=15_000)
                    row = page.locator("[data-testid=product-row]", has_text="Green tea")
                    row.get_by_test_id("price").click()
                    row.get_by_test_id("quick-price").fill("99,000")
                    screenshot(page, "dashboard-products-inline-edit-en")
                    row.get_by_test_id("quick-save").click()
                    page.locator("[data-testid=product-row]", has_text="Green tea").get_by_test_id("price").filter(
                        has_text="99,000"
                    ).wait_for()
                    page.get_by_text("Price saved.").wait_for()
                    screenshot(page, "dashboard-products-saved-en")
                    page.goto(f"{market_url}/dashboard/products/{ids[0]}/")
                    screenshot(page, "dashboard-product-edit-en")
                if language == "fa" and name == "phone":
                    page.goto(f"{market_url}/dashboard/products/{ids[0]}/")
                    screenshot(page, "dashboard-product-edit-phone-fa")
                context.close()

        def saved_price():
            with tenant_context(market_alpha):
                return Product.objects.get(pk=ids[1]).price_main

        assert in_own_connection(saved_price) == 990_000
    finally:

        def cleanup():
            from storefront.catalog.services import products_delete

            with tenant_context(market_alpha):
                products_delete(product_ids=ids)
                Category.objects.filter(pk=category_id).delete()

        in_own_connection(cleanup)


def test_a_new_product_with_variants_saves_first_time_even_with_a_stock_typed(owner_client, market_alpha):
    """The owner typed a stock and added variants: the product saves at once, the variants hold the stock."""
    variant = {"variants-0-title": "L", "variants-0-sku": "SAMOVAR-L", "variants-0-stock": "3"}
    data = _product_post(title="Samovar", stock="5", **{"variants-TOTAL_FORMS": "1", **variant})
    response = owner_client.post("/dashboard/products/new/", data)
    assert response.status_code == 302
    product = in_alpha(market_alpha, lambda: Product.objects.get(title="Samovar"))
    assert product.has_variants and product.stock == 3

    # An existing product with stock of its own gets its first variants: its stock is handed over.
    kettle = in_alpha(market_alpha, lambda: product_make(title="Kettle", sku="K-1", initial_stock=4))
    variant = {"variants-0-title": "2 l", "variants-0-sku": "K-2L", "variants-0-stock": "4"}
    response = owner_client.post(
        f"/dashboard/products/{kettle.pk}/", _product_post(kettle, **{"variants-TOTAL_FORMS": "1", **variant})
    )
    assert response.status_code == 302
    kettle = in_alpha(market_alpha, lambda: Product.objects.get(pk=kettle.pk))
    assert kettle.has_variants and kettle.stock == 4


def test_the_extra_empty_rows_are_marked_for_the_script_to_remove(owner_client, market_alpha):
    page = owner_client.get("/dashboard/products/new/").content.decode()
    discounts = page.split('id="discounts"', 1)[1].split("<template", 1)[0]
    assert discounts.count("data-formset-extra") == 1 and discounts.count("formset-row") == 1


def test_discount_dates_are_jalali_on_persian_pages(owner_client, market_alpha):
    owner_client.cookies["asoud_language"] = "fa"
    page = persian(owner_client).get("/dashboard/products/new/").content.decode()
    assert 'type="datetime-local"' not in page
    assert 'data-testid="calendar-discounts-0-starts_at"' in page and "/dashboard/products/calendar/" in page
    month = owner_client.get(
        "/dashboard/products/calendar/?field=discounts-0-ends_at&month=1405-09", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'data-field="id_discounts-0-ends_at"' in month and 'data-value="۱۴۰۵/۰۹/۱۶"' in month
    data = _product_post(
        title="Saffron",
        **{
            "discounts-TOTAL_FORMS": "1",
            "discounts-0-kind": "percent",
            "discounts-0-value": "10",
            "discounts-0-min_quantity": "1",
            "discounts-0-starts_at": "۱۴۰۵/۰۹/۱۶",
            "discounts-0-ends_at": "1405/09/20",
            "discounts-0-is_active": "on",
        },
    )
    assert persian(owner_client).post("/dashboard/products/new/", data).status_code == 302
    discount = in_alpha(market_alpha, lambda: Product.objects.get(title="Saffron").discounts.get())
    starts, ends = timezone.localtime(discount.starts_at), timezone.localtime(discount.ends_at)
    assert (starts.date(), starts.hour) == (datetime.date(2026, 12, 7), 0)  # 16 Azar 1405
    assert (ends.date(), ends.hour, ends.minute) == (datetime.date(2026, 12, 11), 23, 59)
    edit = persian(owner_client).get(f"/dashboard/products/{discount.product_id}/").content.decode()
    assert 'value="۱۴۰۵/۰۹/۱۶"' in edit and 'value="۱۴۰۵/۰۹/۲۰ ۲۳:۵۹"' in edit  # Persian digits (issue 15, item 11)
    owner_client.cookies["asoud_language"] = "en"
    bad = owner_client.post("/dashboard/products/new/", {**data, "title": "Bad", "discounts-0-ends_at": "1405/13/40"})
    assert "Enter a date like 1405/01/15" in bad.content.decode()
