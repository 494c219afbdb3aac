"""Category listings: filters, sorting, pagination, and the htmx results fragment."""

import re

import pytest

from storefront.catalog.selectors import PAGE_SIZE
from storefront.catalog.tests.factories import CategoryFactory, DiscountFactory, ProductFactory


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="product-card-title"[^>]*>([^<]+)</h3>', html)


@pytest.fixture
def shelves(in_alpha):
    with in_alpha():
        tea = CategoryFactory(name="Tea", slug="tea")
        green = CategoryFactory(name="Green tea", slug="green-tea", parent=tea)
        spices = CategoryFactory(name="Spices", slug="spices")
        black = ProductFactory(title="Black tea", category=tea, price_main=3_000_000)
        ProductFactory(title="Sencha", category=green, price_main=5_000_000)
        ProductFactory(title="Matcha", category=green, price_main=9_000_000, initial_stock=0)
        ProductFactory(title="Cumin", category=spices, price_main=1_000_000)
        saffron = ProductFactory(title="Saffron", category=spices, price_main=20_000_000)
        DiscountFactory(product=saffron, value=90)  # 2,000,000 Rials after the discount
        return {"black": black, "saffron": saffron}


@pytest.mark.django_db
def test_a_category_lists_its_own_and_its_subcategories_products(alpha_client, shelves):
    response = alpha_client.get("/c/tea/")
    assert sorted(titles(response.text)) == ["Black tea", "Matcha", "Sencha"]
    assert "Green tea" in response.text  # subcategory chips


@pytest.mark.django_db
def test_all_products_newest_first_with_a_count(alpha_client, shelves):
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/products/").text
    assert titles(html) == ["Saffron", "Cumin", "Matcha", "Sencha", "Black tea"]
    assert "5 products" in html


@pytest.mark.django_db
def test_sort_by_price_uses_the_price_the_shopper_pays(alpha_client, shelves):
    ascending = titles(alpha_client.get("/products/?sort=price_asc").text)
    descending = titles(alpha_client.get("/products/?sort=price_desc").text)
    assert ascending == ["Cumin", "Saffron", "Black tea", "Sencha", "Matcha"]
    assert descending == ascending[::-1]


@pytest.mark.django_db
def test_sort_by_best_selling(alpha_client, in_alpha, shelves):
    with in_alpha():
        from storefront.catalog.models import Product

        Product.objects.filter(title="Cumin").update(sold_count=50)
        Product.objects.filter(title="Sencha").update(sold_count=20)
    assert titles(alpha_client.get("/products/?sort=best_selling").text)[:2] == ["Cumin", "Sencha"]


@pytest.mark.django_db
def test_price_range_is_typed_in_toman(alpha_client, shelves):
    # 150,000 to 450,000 Toman = 1,500,000 to 4,500,000 Rials
    html = alpha_client.get("/products/?min_price=150000&max_price=۴۵۰٬۰۰۰").text
    assert sorted(titles(html)) == ["Black tea", "Saffron"]


@pytest.mark.django_db
def test_in_stock_filter_hides_sold_out_products(alpha_client, shelves):
    html = alpha_client.get("/c/tea/?in_stock=on").text
    assert "Matcha" not in titles(html)
    assert sorted(titles(html)) == ["Black tea", "Sencha"]


@pytest.mark.django_db
def test_category_filter_on_all_products(alpha_client, shelves):
    assert sorted(titles(alpha_client.get("/products/?category=spices").text)) == ["Cumin", "Saffron"]


@pytest.mark.django_db
def test_a_bad_price_is_ignored_with_a_message(alpha_client, shelves):
    alpha_client.cookies["asoud_language"] = "en"
    response = alpha_client.get("/products/?min_price=cheap")
    assert response.status_code == 200
    assert len(titles(response.text)) == 5
    assert "Enter a price in Toman, digits only." in response.text


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_block(alpha_client, shelves):
    response = alpha_client.get("/c/tea/?sort=price_desc", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html and "store-header" not in html
    assert titles(html) == ["Matcha", "Sencha", "Black tea"]
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_filter_form_works_with_and_without_htmx(alpha_client, shelves):
    html = alpha_client.get("/c/tea/").text
    form = re.search(r'<form id="filters"[^>]*>', html).group(0)
    assert 'method="get"' in form and 'action="/c/tea/"' in form
    assert 'hx-get="/c/tea/"' in form and 'hx-target="#results"' in form


@pytest.mark.django_db
def test_pagination_links_work_with_and_without_htmx(alpha_client, in_alpha):
    with in_alpha():
        for index in range(PAGE_SIZE + 3):
            ProductFactory(title=f"Item {index:02d}")
    first = alpha_client.get("/products/?sort=newest").text
    assert len(titles(first)) == PAGE_SIZE
    assert 'href="?sort=newest&amp;page=2"' in first
    assert 'hx-get="?sort=newest&amp;page=2"' in first
    second = alpha_client.get("/products/?sort=newest&page=2").text
    assert titles(second) == ["Item 02", "Item 01", "Item 00"]
    assert '<link rel="canonical" href="http://alpha.localhost/products/?page=2">' in second


@pytest.mark.django_db
def test_unknown_category_is_a_404(alpha_client, shelves):
    assert alpha_client.get("/c/unknown/").status_code == 404
