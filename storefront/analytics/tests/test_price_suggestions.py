"""Price suggestions: learned per category from the shop's own prices and sales, baseline from other
markets when data is thin, shown on the product page, applied only when the owner accepts."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from asoud.core.testing import english
from asoud.marketplace.models import Listing
from storefront.analytics import services
from storefront.analytics.models import PriceSuggestion, ProductDaily
from storefront.analytics.services.rollup import product_days_compute
from storefront.analytics.synthetic import price_history
from storefront.catalog.models import Discount, Product
from storefront.team.models import TeamMember

from .factories import at, category_make, order_make, product_make, shopper


def _planted(category_name: str, slope_key: str) -> list[Product]:
    """Products of one category whose last 120 days follow the planted curve of `slope_key`."""
    category = category_make(category_name)
    planted = [p for p in price_history(products_per_category=3, seed=11) if p.category == slope_key]
    today = timezone.localdate()
    products = []
    for index, truth in enumerate(planted):
        product = product_make(f"{category_name} {index}", price=truth.reference, category=category)
        ProductDaily.objects.bulk_create(
            ProductDaily(day=today - datetime.timedelta(days=len(truth.days) - n), product_id=product.pk,
                         views=day.views, orders=day.orders, units=day.orders, price=day.price)
            for n, day in enumerate(truth.days)
        )  # fmt: skip
        products.append(product)
    return products


def test_suggestions_follow_the_planted_price_response_and_are_never_applied(in_alpha):
    gifts = _planted("Gifts", "gifts")  # shoppers care a lot: the best price is lower
    saffron = _planted("Saffron", "saffron")  # they hardly care: the best price is higher
    assert services.price_suggestions_compute() == 6
    for product in gifts + saffron:
        suggestion = PriceSuggestion.objects.get(product=product)
        assert suggestion.method == PriceSuggestion.Method.MODEL and suggestion.status == "open"
        assert 0 <= suggestion.confidence <= 1 and suggestion.revenue_change > 0
        if product in gifts:
            assert suggestion.suggested_price < product.price_main and suggestion.orders_change > 0
        else:
            assert suggestion.suggested_price > product.price_main and suggestion.orders_change < 0
        assert Product.objects.get(pk=product.pk).price_main == product.price_main  # not applied


def test_thin_data_gets_the_other_markets_median_labelled_as_baseline(in_alpha, market_beta):
    lonely = product_make("Rose water 1L", price=1_000_000)
    nobody = product_make("Unknown thing", price=1_000_000)
    for price in (1_100_000, 1_150_000, 1_500_000):
        Listing.objects.create(market=market_beta, product_id=price, title="rose water 1l ", slug="rw", price=price,
                               price_marketer=price, market_name="Beta", market_slug="beta",
                               market_host="beta.localhost", product_created_at=timezone.now())  # fmt: skip
    services.price_suggestions_compute()
    suggestion = PriceSuggestion.objects.get(product=lonely)
    assert suggestion.method == PriceSuggestion.Method.BASELINE
    assert suggestion.suggested_price == 1_150_000 and suggestion.revenue_change is None
    assert suggestion.reasons == [{"code": "market", "low": 1_100_000, "high": 1_500_000, "median": 1_150_000,
                                   "markets": 3}]  # fmt: skip
    assert not PriceSuggestion.objects.filter(product=nobody).exists()  # nothing honest to say


def test_the_roll_up_keeps_the_price_paid_or_shown_each_day(in_alpha):
    day = timezone.localdate() - datetime.timedelta(days=3)
    sold, discounted = product_make("Sold tea", price=500_000), product_make("Viewed tea", price=800_000)
    order_make(user=shopper(), items=[(sold, 2, 450_000)], created_at=at(day, 10))
    Discount.objects.create(product=discounted, kind="percent", value=25, starts_at=at(day, 0),
                            ends_at=at(day + datetime.timedelta(days=1), 6))  # fmt: skip
    ProductDaily.objects.all().delete()
    from storefront.analytics.tests.factories import events_make

    events_make([("product_view", "s1", at(day, 11), {"product_id": discounted.pk})])
    rows = {r.product_id: r for r in product_days_compute(day)}
    assert rows[sold.pk].price == 450_000  # what shoppers paid
    assert rows[discounted.pk].price == 600_000  # shown: 25 % off that day


@pytest.fixture
def owner_client(in_alpha):
    client = english(Client(HTTP_HOST="alpha.localhost"))
    client.force_login(in_alpha.owner)
    return client


def test_the_owner_accepts_or_dismisses_on_the_product_page(in_alpha, owner_client):
    first, second, third = _planted("Gifts", "gifts")
    services.price_suggestions_compute()
    page = owner_client.get(f"/dashboard/products/{first.pk}/")
    assert f'hx-get="/dashboard/products/{first.pk}/price/"' in page.content.decode()
    card = owner_client.get(f"/dashboard/products/{first.pk}/price/", HTTP_HX_REQUEST="true").content.decode()
    suggestion = PriceSuggestion.objects.get(product=first)
    assert card.lstrip().startswith('<section id="price-suggestion"')
    assert "Expected per visitor: orders +" in card and "Confidence:" in card
    assert "10% more on the price means" in card
    full = owner_client.get(f"/dashboard/products/{first.pk}/price/")
    assert full.status_code == 200 and "<html" in full.content.decode()

    accepted = owner_client.post(
        f"/dashboard/products/{first.pk}/price/{suggestion.pk}/accept/", HTTP_HX_REQUEST="true"
    )
    assert "The new price is set." in accepted.content.decode()
    assert Product.objects.get(pk=first.pk).price_main == suggestion.suggested_price
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.decided_at is not None
    again = owner_client.post(f"/dashboard/products/{first.pk}/price/{suggestion.pk}/accept/", HTTP_HX_REQUEST="true")
    assert "already decided" in again.content.decode()

    other = PriceSuggestion.objects.get(product=second)
    response = owner_client.post(f"/dashboard/products/{second.pk}/price/{other.pk}/dismiss/")
    assert response.status_code == 302 and response["Location"] == f"/dashboard/products/{second.pk}/"
    assert Product.objects.get(pk=second.pk).price_main == second.price_main
    # Dismissed at that price: the next run does not suggest it again.
    services.price_suggestions_compute()
    assert not PriceSuggestion.objects.filter(product=second, status="open").exists()

    # The price changed by hand since: accepting is refused with a clear message.
    stale = PriceSuggestion.objects.get(product=third)
    Product.objects.filter(pk=third.pk).update(price_main=third.price_main + 10_000)
    refused = owner_client.post(f"/dashboard/products/{third.pk}/price/{stale.pk}/accept/", HTTP_HX_REQUEST="true")
    assert "The price changed since" in refused.content.decode()
    assert Product.objects.get(pk=third.pk).price_main == third.price_main + 10_000
    # Another product's suggestion through this product's address: not found.
    assert owner_client.post(f"/dashboard/products/{first.pk}/price/{stale.pk}/dismiss/").status_code == 404


def test_who_may_see_and_decide(in_alpha):
    product = _planted("Gifts", "gifts")[0]
    services.price_suggestions_compute()
    suggestion = PriceSuggestion.objects.get(product=product)
    from dashboard.tests.factories import member_make

    support = Client(HTTP_HOST="alpha.localhost")
    support.force_login(member_make(TeamMember.Role.SUPPORT))
    assert support.get(f"/dashboard/products/{product.pk}/price/").status_code == 403
    assert support.post(f"/dashboard/products/{product.pk}/price/{suggestion.pk}/accept/").status_code == 403
    assert Product.objects.get(pk=product.pk).price_main == product.price_main
    editor = Client(HTTP_HOST="alpha.localhost")
    editor.force_login(member_make(TeamMember.Role.EDITOR))
    assert editor.get(f"/dashboard/products/{product.pk}/price/").status_code == 200
    assert Client(HTTP_HOST="alpha.localhost").get(f"/dashboard/products/{product.pk}/price/").status_code == 302
