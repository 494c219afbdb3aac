"""A product page loads both recommendation kinds together: the same products as each alone, a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.analytics import selectors
from storefront.analytics.services import recommendations_compute
from storefront.analytics.services.recommendations import recommendations_forget

from .data import known_day
from .factories import category_make, product_make


def _forget(products) -> None:
    recommendations_forget(p.pk for p in products)


@pytest.mark.django_db
def test_both_kinds_at_once_match_each_kind_alone(in_alpha):
    data = known_day()
    recommendations_compute()
    shelf = category_make("Cups")
    cups = [product_make(f"Cup {n}", category=shelf) for n in range(6)]
    products = [data.green, data.black, data.teapot, data.mug, *cups]
    for limit in (1, 2, 4):
        _forget(products)
        both = {p.pk: selectors.product_recommendations_both(product=p, limit=limit) for p in products}
        for product in products:
            alone = {
                "together": selectors.bought_together(product=product, limit=limit),
                "similar": selectors.similar_products(product=product, limit=limit),
            }
            assert {kind: [p.pk for p in items] for kind, items in both[product.pk].items()} == {
                kind: [p.pk for p in items] for kind, items in alone.items()
            }, (product.title, limit)


@pytest.mark.django_db
def test_both_kinds_cost_seven_queries_cold_and_three_warm(in_alpha):
    shelf = category_make("Plates")
    plates = [product_make(f"Plate {n}", category=shelf) for n in range(8)]
    _forget(plates)
    with CaptureQueriesContext(connection) as cold:
        both = selectors.product_recommendations_both(product=plates[0])
    # Alike by their title word; never bought together, so that row stays empty (no filler).
    assert len(both["similar"]) == 4 and both["together"] == []
    assert (
        len(cold) <= 7
    )  # together ids, similar keyword rows and candidates, cards with two prefetches, [q["sql"][:60] for q in cold.captured_queries]
    with CaptureQueriesContext(connection) as warm:
        selectors.product_recommendations_both(product=plates[0])
    assert len(warm) <= 3
