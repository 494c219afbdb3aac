"""Bought together (co-purchases only), similar (keywords, title words, category, price band), and the includes."""

from django.template import Context, Template
from django.test import RequestFactory
from django_tenants.utils import tenant_context

from storefront.analytics import selectors
from storefront.analytics.models import Recommendation
from storefront.analytics.services import recommendations_compute

from .data import known_day
from .factories import category_make, product_make


def test_bought_together_and_similar(in_alpha):
    data = known_day()
    written = recommendations_compute()
    # green+teapot were bought together twice (the unpaid and the cancelled orders don't count).
    assert written["together"] == 2
    together = Recommendation.objects.filter(kind="together")
    assert {(r.product_id, r.related_id, r.score) for r in together} == {
        (data.green.pk, data.teapot.pk, 2.0), (data.teapot.pk, data.green.pk, 2.0)
    }  # fmt: skip
    # Similar to green tea: black tea (shares "tea" + same category = 2), teapot (shares "tea" = 1).
    similar = Recommendation.objects.filter(kind="similar", product=data.green).order_by("rank")
    assert [(r.related_id, r.score) for r in similar] == [(data.black.pk, 2.0), (data.teapot.pk, 1.0)]
    assert [p.title for p in selectors.bought_together(product=data.green, limit=1)] == ["Teapot"]
    # Similar leaves out what is shown as bought together (the teapot): the two rows never repeat.
    assert [p.title for p in selectors.similar_products(product=data.green, limit=2)] == ["Black tea"]
    # The mug shares no keyword, no title word and no order with anything: both rows stay hidden
    # rather than show the category's popular products under a title that is not true.
    assert selectors.similar_products(product=data.mug) == [] and selectors.bought_together(product=data.mug) == []
    assert recommendations_compute() == written  # replaced, not duplicated
    assert Recommendation.objects.count() == written["together"] + written["similar"]


def test_a_new_market_shows_only_what_is_true(market_beta):
    with tenant_context(market_beta):
        shelf = category_make("Books")
        old = product_make("Old book", category=shelf)
        new = product_make("New book", category=shelf)
        best = product_make("Best seller", category=shelf)
        type(best).objects.filter(pk=best.pk).update(sold_count=40)
        product_make("Other shelf")
        # Nobody bought anything yet: no "bought together"; similar by content (the shared word "book").
        assert selectors.bought_together(product=old) == []
        assert [p.title for p in selectors.similar_products(product=new)] == ["Old book"]


def test_recommendation_includes_render(in_alpha):
    data = known_day()
    recommendations_compute()
    request = RequestFactory().get("/", HTTP_HOST="alpha.localhost")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = Template(
        '{% include "analytics/includes/bought_together.html" %}{% include "analytics/includes/similar_products.html" %}'
    ).render(Context({"product": data.green, "request": request}))
    assert 'id="bought-together"' in html and 'id="similar-products"' in html
    together, similar = html.split('id="similar-products"')
    assert "Teapot" in together and "Black tea" not in together
    assert "Black tea" in similar and "Teapot" not in similar
    lonely = product_make("Lonely", category=None)
    empty = Template('{% include "analytics/includes/similar_products.html" %}').render(
        Context({"product": lonely, "request": request})
    )
    assert empty.strip() == ""
