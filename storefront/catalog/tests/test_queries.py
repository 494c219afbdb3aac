"""Pages run a constant number of SQL queries, whatever the number of products."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.catalog.bulk import catalogue_bulk_create
from storefront.catalog.models import ProductRelation
from storefront.catalog.services import product_relation_add
from storefront.catalog.tests.factories import ProductFactory

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
    # titles: likelier among 200); an empty row is hidden and skips its 3 product-card queries.
    products = [path for path in small if path.startswith("/p/")]
    assert {p: n for p, n in small.items() if p not in products} == {
        p: n for p, n in large.items() if p not in products
    }
    for path in products:
        assert abs(small[path] - large[path]) in (0, 3), (path, small[path], large[path])
    # A cold product page also loads its two recommendation rows (cached afterwards with the page).
    assert max(small.values()) <= 24, small


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
