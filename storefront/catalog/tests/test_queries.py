"""Pages run a constant number of SQL queries, whatever the number of products."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.catalog.bulk import catalogue_bulk_create
from storefront.catalog.models import ProductRelation
from storefront.catalog.services import (
    product_image_add,
    product_keywords_set,
    product_relation_add,
    product_specifications_set,
)
from storefront.catalog.tests.factories import DiscountFactory, ProductFactory, VariantFactory, image_upload

PAGES = [
    "/",
    "/products/",
    "/products/?sort=price_asc",
    "/products/?sort=best_selling&in_stock=on&min_price=1000",
    "/c/bulk-cat-1/",
    "/search/?q=saffron",
    "/p/bulk-0/",  # variants, a discount and a required product
    "/p/bulk-1/",
    "/sitemap-products.xml",
]


def queries_per_page(client, in_market, count: int) -> dict[str, int]:
    with in_market():
        catalogue_bulk_create(count=count)
        product = ProductFactory(slug="bulk-related")
        from storefront.catalog.models import Product

        first = Product.objects.get(slug="bulk-0")
        product_relation_add(product=first, related=product, kind=ProductRelation.Kind.REQUIRED)
    counts = {}
    for path in PAGES:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(captured)
    return counts


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_catalogue(alpha_client, beta_client, in_alpha, in_beta):
    small = queries_per_page(alpha_client, in_alpha, 10)
    large = queries_per_page(beta_client, in_beta, 200)
    # A product page's "similar" row exists only when another product shares a word with it (random
    # titles: likelier among 200); an empty row is hidden and skips its product-card query.
    products = [path for path in small if path.startswith("/p/")]
    assert {p: n for p, n in small.items() if p not in products} == {
        p: n for p, n in large.items() if p not in products
    }
    for path in products:
        assert abs(small[path] - large[path]) in (0, 1), (path, small[path], large[path])
    # A cold product page also loads its two recommendation rows (cached afterwards with the page).
    assert max(small.values()) <= 18, small


@pytest.mark.django_db
def test_a_warm_page_is_served_from_the_fragment_cache(alpha_client, in_alpha):
    with in_alpha():
        catalogue_bulk_create(count=30)
    cold = {}
    for path in ("/", "/products/", "/p/bulk-3/"):
        with CaptureQueriesContext(connection) as captured:
            alpha_client.get(path)
        cold[path] = len(captured)
        with CaptureQueriesContext(connection) as captured:
            alpha_client.get(path)
        # Warm: finding the market (search_path, domain) and reading the storefront version.
        assert len(captured) <= 4, (path, [q["sql"][:80] for q in captured.captured_queries])
        assert len(captured) < cold[path]


def product_with(count: int, *, slug: str):
    """A product with `count` pictures, variants, running discounts, specifications and keywords."""
    product = ProductFactory(title=f"Lamp {slug}", slug=slug, initial_stock=0)
    for index in range(count):
        product_image_add(product=product, upload=image_upload(40, 30, name=f"{slug}-{index}.jpg"))
        VariantFactory(product=product, title=f"Shade {index}", sku=f"{slug.upper()}-{index}", initial_stock=3)
        DiscountFactory(product=product, value=5 + index, min_quantity=index + 1)
    product_specifications_set(product=product, rows=[(f"Spec {i}", f"Value {slug} {i}") for i in range(count)])
    product_keywords_set(product=product, keywords=[f"word{slug}{i}" for i in range(count)])
    return product


@pytest.mark.django_db
def test_a_product_page_costs_the_same_queries_whatever_it_holds(alpha_client, in_alpha):
    with in_alpha():
        product_with(1, slug="plain")
        product_with(4, slug="rich")
        product_with(0, slug="warm")
    alpha_client.cookies["asoud_language"] = "en"
    alpha_client.get("/p/warm/")  # the category tree and the theme, cached for every later page
    counts, pages = {}, {}
    for slug in ("plain", "rich"):
        with CaptureQueriesContext(connection) as captured:
            response = alpha_client.get(f"/p/{slug}/")
        assert response.status_code == 200
        counts[slug], pages[slug] = [q["sql"][:200] for q in captured.captured_queries], response.text
    assert len(counts["plain"]) == len(counts["rich"]), counts
    # The rich page does show all it holds: every specification, keyword, variant and picture.
    rich = pages["rich"]
    assert all(f"Value rich {i}" in rich for i in range(4))
    assert all(f"?q=wordrich{i}" in rich for i in range(4))
    assert all(f"RICH-{i}" in rich or f"Shade {i}" in rich for i in range(4))
    assert rich.count('class="gallery-slide" id="photo-') == 4
    assert rich.count('<a class="gallery-thumb') == 4
    # Variants, specifications and keywords come with the product itself (pictures and discounts
    # too, but the recommendation cards read theirs).
    children = ("catalog_productvariant", "catalog_productspecification", "catalog_keyword")
    assert not [sql for sql in counts["rich"] if sql.startswith(tuple(f'SELECT "{t}"' for t in children))]
