"""The listing index follows the markets' catalogues: per-product and per-market tasks, and the rebuild command."""

import pytest
from django.core.management import call_command
from django_tenants.utils import tenant_context

from asoud.marketplace.models import Listing
from asoud.marketplace.tasks import index_market, index_product
from storefront.affiliate.services import affiliate_offer_set
from storefront.catalog.services.products import product_update
from tenants.models import Market

from .factories import category_make, listing_of, product_make

pytestmark = pytest.mark.django_db


def test_index_product_task_copies_the_product_and_follows_its_changes(market_alpha):
    # Browser journeys commit products whose index tasks a real worker may already have run.
    Listing.objects.filter(market=market_alpha).delete()
    tea = category_make(market_alpha, name="چای", slug="tea")
    product = product_make(
        market_alpha, title="چای سبز", slug="green-tea", price=1_200_000, category=tea, keywords=["organic"],
        price_marketer=1_000_000, index=False,
    )  # fmt: skip
    assert not Listing.objects.filter(market=market_alpha, product_id=product.pk).exists()

    assert index_product(market_alpha.schema_name, product.pk) is True

    listing = listing_of(market_alpha, product)
    assert (listing.title, listing.slug, listing.price, listing.price_marketer) == (
        "چای سبز", "green-tea", 1_200_000, 1_000_000,
    )  # fmt: skip
    assert (listing.market_name, listing.market_slug, listing.market_host) == ("Alpha Shop", "alpha", "alpha.localhost")
    assert (listing.category_name, listing.keywords, listing.in_stock) == ("چای", "organic", True)
    assert listing.commission_percent is None

    with tenant_context(market_alpha):
        product_update(product=product, title="چای سبز ممتاز", price_main=1_500_000)
    index_product(market_alpha.schema_name, product.pk)
    listing.refresh_from_db()
    assert (listing.title, listing.price) == ("چای سبز ممتاز", 1_500_000)

    with tenant_context(market_alpha):
        product_update(product=product, is_active=False)
    assert index_product(market_alpha.schema_name, product.pk) is False
    assert not Listing.objects.filter(market=market_alpha, product_id=product.pk).exists()


def test_affiliate_offers_are_mirrored_product_offer_winning_over_category(market_alpha):
    books = category_make(market_alpha, name="کتاب", slug="books")
    novel = product_make(market_alpha, title="رمان", slug="novel", price=500_000, category=books, index=False)
    poem = product_make(market_alpha, title="شعر", slug="poem", price=300_000, category=books, index=False)
    with tenant_context(market_alpha):
        affiliate_offer_set(category=books, rate_percent=5)
        affiliate_offer_set(product=novel, rate_percent=12)

    assert index_market(market_alpha.schema_name) == 2

    assert listing_of(market_alpha, novel).commission_percent == 12
    assert listing_of(market_alpha, poem).commission_percent == 5
    with tenant_context(market_alpha):
        affiliate_offer_set(category=books, rate_percent=None)
    index_market(market_alpha.schema_name)
    assert listing_of(market_alpha, poem).commission_percent is None


def test_rebuild_command_indexes_every_open_market_and_drops_what_left(market_alpha, market_beta):
    kept = product_make(market_alpha, title="Kettle", slug="kettle", price=900_000, index=False)
    gone = product_make(market_alpha, title="Old pot", slug="old-pot", price=100_000, stock=0)
    product_make(market_beta, title="Teapot", slug="teapot", price=700_000, index=False)
    with tenant_context(market_alpha):
        gone.delete()

    call_command("marketplace_rebuild")

    assert set(Listing.objects.values_list("market__slug", "title")) == {("alpha", "Kettle"), ("beta", "Teapot")}
    assert listing_of(market_alpha, kept).search_vector is not None

    Market.objects.filter(pk=market_beta.pk).update(status=Market.Status.SUSPENDED)
    call_command("marketplace_rebuild")
    assert set(Listing.objects.values_list("market__slug", flat=True)) == {"alpha"}
