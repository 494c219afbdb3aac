"""A market's affiliate programme: which commission a product earns (its own offer, else its category's
or the nearest parent's) and how the owner's offers are checked."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_tenants.utils import tenant_context

from storefront.affiliate.models import AffiliateOffer
from storefront.affiliate.selectors import affiliate_rate_for, affiliate_rates
from storefront.affiliate.services import affiliate_offer_set
from storefront.analytics.tests.factories import product_make
from storefront.catalog.models import Category
from storefront.catalog.services import category_create

from .factories import AffiliateOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_market(market_alpha):
    with tenant_context(market_alpha):
        AffiliateOffer.objects.all().delete()
        yield


def test_own_offer_wins_then_the_nearest_category_up_the_tree(in_market):
    drinks = category_create(name="Drinks", slug="aff-drinks")
    tea = category_create(name="Tea", slug="aff-tea", parent=drinks)
    green = category_create(name="Green tea", slug="aff-green", parent=tea)
    sencha, jasmine, mug = (
        product_make("Sencha", category=green),
        product_make("Jasmine", category=green),
        product_make("Mug"),
    )
    AffiliateOfferFactory(category=drinks, rate_percent=5)
    assert affiliate_rates([sencha, jasmine, mug]) == {sencha.pk: 5, jasmine.pk: 5}  # from the grandparent
    AffiliateOfferFactory(category=tea, rate_percent=8)
    AffiliateOfferFactory(product=jasmine, rate_percent=20)
    assert affiliate_rates([sencha, jasmine, mug]) == {sencha.pk: 8, jasmine.pk: 20}
    assert affiliate_rate_for(product_id=jasmine.pk) == 20 and affiliate_rate_for(product_id=mug.pk) is None
    assert affiliate_rate_for(product_id=10**9) is None and affiliate_rates([]) == {}


def test_a_category_loop_does_not_hang_the_look_up(in_market):
    one = category_create(name="One", slug="aff-one")
    two = category_create(name="Two", slug="aff-two", parent=one)
    Category.objects.filter(pk=one.pk).update(parent=two)  # a loop no form allows, but data can hold
    AffiliateOfferFactory(category=category_create(name="Other", slug="aff-other"))
    assert affiliate_rates([product_make("Cup", category=two)]) == {}


def test_owner_sets_changes_and_withdraws_an_offer(in_market):
    kettle = product_make("Kettle")
    offer = affiliate_offer_set(product=kettle, rate_percent=12)
    assert affiliate_offer_set(product=kettle, rate_percent=15).pk == offer.pk
    assert AffiliateOffer.objects.get().rate_percent == 15
    assert affiliate_offer_set(product=kettle, rate_percent=0) is None
    assert not AffiliateOffer.objects.exists()


@pytest.mark.parametrize("rate", [51, 200])
def test_rates_above_the_cap_are_refused(in_market, rate):
    with pytest.raises(ValidationError) as refused:
        affiliate_offer_set(product=product_make("Tray"), rate_percent=rate)
    assert "rate_percent" in refused.value.message_dict and not AffiliateOffer.objects.exists()


def test_an_offer_needs_exactly_one_target(in_market):
    tea = category_create(name="Tea", slug="aff-tea-2")
    for target in ({}, {"product": product_make("Pot"), "category": tea}):
        with translation.override("en"), pytest.raises(ValidationError, match="Choose either a product or a cat"):
            affiliate_offer_set(rate_percent=10, **target)
    assert not AffiliateOffer.objects.exists()
