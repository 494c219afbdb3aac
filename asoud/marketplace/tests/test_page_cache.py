"""The platform host's marketplace pages (directory, search) in the anonymous page cache: a repeat visit
costs no query, and a change to the index or to a market shows at once (a new marketplace version)."""

import pytest

from asoud.core.page_version import marketplace_version_bump
from asoud.marketplace.models import Listing
from storefront.catalog import page_cache
from storefront.themes.profile import market_profile_update

from .factories import product_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(client, settings, market_alpha):
    settings.ASOUD_PAGE_CACHE = True
    settings.ASOUD_HOST_CACHE_SECONDS = 30  # (as in production: the host look-up is cached too)
    marketplace_version_bump()  # a version of this test's own: nothing cached by earlier tests applies
    Listing.objects.all().delete()  # (listings committed by live-server tests would join the results)
    page_cache._recent_markets.clear()
    client.defaults["HTTP_HOST"] = "localhost"
    client.cookies["asoud_language"] = "en"
    product_make(market_alpha, title="Saffron tin", slug="saffron-tin", price=29_000_000)
    return client


def test_a_repeat_search_is_served_from_the_cache_and_a_new_listing_shows_at_once(
    platform, market_alpha, django_assert_num_queries
):
    first = platform.get("/search/", {"q": "saffron"})
    assert first["X-Page-Cache"] == "miss" and "Saffron tin" in first.text
    with django_assert_num_queries(0):
        again = platform.get("/search/", {"q": "saffron"})
    assert again["X-Page-Cache"] == "hit" and "Saffron tin" in again.text
    assert "private" in again["Cache-Control"] and "Cookie" in again["Vary"]
    product_make(market_alpha, title="Saffron jar", slug="saffron-jar", price=9_000_000)  # indexed: new version
    fresh = platform.get("/search/", {"q": "saffron"})
    assert fresh["X-Page-Cache"] == "miss" and "Saffron jar" in fresh.text


def test_a_market_renamed_shows_at_once_in_the_directory(platform, market_alpha):
    assert platform.get("/markets/")["X-Page-Cache"] == "miss"
    assert platform.get("/markets/")["X-Page-Cache"] == "hit"
    market_profile_update(market=market_alpha, name="Saffron House")
    fresh = platform.get("/markets/")
    assert fresh["X-Page-Cache"] == "miss" and "Saffron House" in fresh.text


def test_a_signed_in_visitor_gets_their_own_marketplace_page(platform, django_user_model):
    platform.get("/search/", {"q": "saffron"})
    member = django_user_model.objects.create(mobile="+989120007777")
    platform.force_login(member)
    assert "X-Page-Cache" not in platform.get("/search/", {"q": "saffron"})
