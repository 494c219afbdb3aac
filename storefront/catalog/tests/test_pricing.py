"""What each viewer pays: retail, colleague (B2B) and discounts, through the one pricing service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from storefront.catalog.pricing import Tier, price_for, viewer_tier
from storefront.catalog.tests.factories import (
    ColleagueFactory,
    DiscountFactory,
    ProductFactory,
    UserFactory,
    VariantFactory,
)


@pytest.mark.django_db
def test_anonymous_visitor_pays_the_main_price(in_alpha):
    with in_alpha():
        product = ProductFactory(price_main=1_000_000, price_colleague=800_000)
        price = price_for(product=product, tier=viewer_tier(None))
    assert (price.unit, price.regular, price.is_reduced, price.tier) == (1_000_000, 1_000_000, False, Tier.RETAIL)


@pytest.mark.django_db
def test_approved_colleague_pays_the_colleague_price(in_alpha):
    with in_alpha():
        colleague = ColleagueFactory()
        pending = UserFactory()
        from storefront.catalog.services import colleague_request

        colleague_request(user=pending)
        product = ProductFactory(price_main=1_000_000, price_colleague=800_000)
        assert viewer_tier(colleague.user) == Tier.COLLEAGUE
        assert viewer_tier(pending) == Tier.RETAIL
        price = price_for(product=product, tier=Tier.COLLEAGUE)
    assert (price.unit, price.regular, price.saving) == (800_000, 1_000_000, 200_000)


@pytest.mark.django_db
def test_a_colleague_in_one_market_is_a_retail_shopper_in_another(in_alpha, in_beta):
    with in_alpha():
        colleague = ColleagueFactory()
    with in_beta():
        assert viewer_tier(colleague.user) == Tier.RETAIL


@pytest.mark.django_db
def test_percentage_and_fixed_discounts_the_deepest_wins(in_alpha):
    with in_alpha():
        product = ProductFactory(price_main=1_000_000)
        DiscountFactory(product=product, kind="percent", value=10)
        fixed = DiscountFactory(product=product, kind="fixed", value=150_000)
        price = price_for(product=product)
    assert (price.unit, price.regular, price.discount.pk, price.saving_percent) == (850_000, 1_000_000, fixed.pk, 15)


@pytest.mark.django_db
def test_discount_window_and_minimum_quantity(in_alpha):
    now = timezone.now()
    with in_alpha():
        product = ProductFactory(price_main=1_000_000)
        DiscountFactory(product=product, value=50, starts_at=now + timedelta(days=1))  # not yet
        DiscountFactory(product=product, value=40, starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=1))
        DiscountFactory(product=product, value=20, min_quantity=3)
        assert price_for(product=product).unit == 1_000_000
        assert price_for(product=product, quantity=2).unit == 1_000_000
        three = price_for(product=product, quantity=3)
        assert (three.unit, three.total, three.total_saving) == (800_000, 2_400_000, 600_000)
        assert price_for(product=product, at=now + timedelta(days=2)).unit == 500_000


@pytest.mark.django_db
def test_colleague_gets_the_lower_of_colleague_price_and_discounted_price(in_alpha):
    with in_alpha():
        product = ProductFactory(price_main=1_000_000, price_colleague=900_000)
        DiscountFactory(product=product, value=30)
        assert price_for(product=product, tier=Tier.COLLEAGUE).unit == 700_000
        assert price_for(product=product, tier=Tier.RETAIL).unit == 700_000


@pytest.mark.django_db
def test_variant_prices_fall_back_to_the_product(in_alpha):
    with in_alpha():
        product = ProductFactory(price_main=1_000_000, price_colleague=900_000, initial_stock=0)
        same = VariantFactory(product=product)
        dearer = VariantFactory(product=product, price_main=1_500_000)
        DiscountFactory(product=product, variant=dearer, value=10)
        assert price_for(product=product, variant=same).unit == 1_000_000
        assert price_for(product=product, variant=same, tier=Tier.COLLEAGUE).unit == 900_000
        # The dearer variant has its own price list: the product's colleague price doesn't apply to it.
        assert price_for(product=product, variant=dearer, tier=Tier.COLLEAGUE).unit == 1_350_000
        assert price_for(product=product, variant=same, tier=Tier.COLLEAGUE).discount is None


@pytest.mark.django_db
def test_product_page_shows_each_viewer_their_price(alpha_client, in_alpha):
    with in_alpha():
        colleague = ColleagueFactory()
        ProductFactory(slug="tray", price_main=10_000_000, price_colleague=7_000_000)
    alpha_client.cookies["asoud_language"] = "en"
    anonymous = alpha_client.get("/p/tray/").text
    assert "1,000,000 Toman" in anonymous and "Colleague price" not in anonymous
    alpha_client.force_login(colleague.user)
    colleague_page = alpha_client.get("/p/tray/").text
    assert "700,000 Toman" in colleague_page
    assert "Colleague price" in colleague_page
    listing = alpha_client.get("/products/").text
    assert "700,000 Toman" in listing


@pytest.mark.django_db
def test_listing_cache_never_shows_one_tier_the_other_tiers_price(alpha_client, in_alpha):
    with in_alpha():
        colleague = ColleagueFactory()
        ProductFactory(slug="tray", price_main=10_000_000, price_colleague=7_000_000)
    alpha_client.cookies["asoud_language"] = "en"
    alpha_client.force_login(colleague.user)
    assert "700,000 Toman" in alpha_client.get("/products/").text
    alpha_client.logout()  # forgets every cookie, the language too
    alpha_client.cookies["asoud_language"] = "en"
    page = alpha_client.get("/products/").text
    assert "1,000,000 Toman" in page and "700,000 Toman" not in page


@pytest.mark.django_db
def test_discounts_are_validated(in_alpha):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from storefront.catalog.services import discount_create

    with in_alpha():
        product = ProductFactory(price_main=1_000_000)
        for kind, value, field, message in [
            ("percent", 0, "value", "A percentage discount is between 1 and 100."),
            ("percent", 101, "value", "A percentage discount is between 1 and 100."),
            ("fixed", 1_000_000, "value", "A fixed discount must be smaller than the price."),
            ("bogus", 5, "kind", "Choose a percentage or a fixed amount."),
        ]:
            with translation.override("en"), pytest.raises(ValidationError) as error:
                discount_create(product=product, kind=kind, value=value)
            assert error.value.message_dict == {field: [message]}


@pytest.mark.django_db
def test_editing_a_fixed_discount_keeps_it_below_the_price_and_changes_nothing_when_refused(in_alpha):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from storefront.catalog.models import Discount
    from storefront.catalog.services import discount_create, discount_update, product_update

    with in_alpha():
        product = ProductFactory(price_main=1_000_000)
        discount = discount_create(product=product, kind="fixed", value=100_000)
        with translation.override("en"), pytest.raises(ValidationError) as error:
            discount_update(discount=discount, kind="fixed", value=1_000_000)
        assert error.value.message_dict == {"value": ["A fixed discount must be smaller than the price."]}
        discount.refresh_from_db()
        assert discount.value == 100_000
        assert discount_update(discount=discount, kind="fixed", value=900_000).value == 900_000
        # The same save may raise the price first: the new price counts, not the one loaded with the discount.
        stale = Discount.objects.select_related("product").get(pk=discount.pk)
        product_update(product=product, price_main=3_000_000)
        assert discount_update(discount=stale, kind="fixed", value=2_000_000).value == 2_000_000
