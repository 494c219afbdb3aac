"""Product cards are rendered once per storefront version, language and price tier, then shared by every
grid (listing, search, home sections, recommendations): never across languages, tiers or versions."""

import pytest
from django.test import Client

from storefront.catalog.services import product_image_add, product_update
from storefront.catalog.tests.factories import ColleagueFactory, ProductFactory, image_upload

pytestmark = pytest.mark.django_db


def shopper(language: str) -> Client:
    client = Client(HTTP_HOST="alpha.localhost")
    client.cookies["asoud_language"] = language
    return client


@pytest.fixture
def tray(in_alpha):
    with in_alpha():
        ProductFactory(title="Sold-out jug", slug="jug", price_main=2_000_000, initial_stock=0)
        return ProductFactory(slug="tray", title="Copper tray", price_main=10_000_000, price_colleague=7_000_000)


def test_a_card_is_shared_by_listing_and_search_but_never_across_languages(tray):
    english = shopper("en").get("/products/").text
    assert "Copper tray" in english and "Out of stock" in english
    assert "Out of stock" in shopper("en").get("/search/?q=jug").text
    persian = shopper("fa").get("/products/").text
    assert "Sold-out jug" in persian and "Out of stock" not in persian


def test_a_colleague_never_gets_the_retail_card_and_a_change_shows_at_once(tray, in_alpha):
    assert "1,000,000 Toman" in shopper("en").get("/products/").text  # (prices are kept in rials)
    colleague = shopper("en")
    colleague.force_login(ColleagueFactory().user)
    page = colleague.get("/products/").text
    assert "700,000 Toman" in page and "1,000,000 Toman" not in page
    with in_alpha():
        product_update(product=tray, title="Brass tray")
    fresh = shopper("en").get("/products/").text
    assert "Brass tray" in fresh and "Copper tray" not in fresh


def test_the_first_pictures_of_a_listing_load_at_once_and_the_rest_lazily(in_alpha):
    with in_alpha():
        for number in range(4):
            cup = ProductFactory(slug=f"cup-{number}", title=f"Cup {number}")
            product_image_add(product=cup, upload=image_upload(400, 300))
    for _ in range(2):  # rendered, then from the card cache: the same answer
        page = shopper("en").get("/products/").text
        cards = page.split('<article class="product-card')[1:]
        assert len(cards) == 4
        assert all('fetchpriority="high"' in card and 'loading="lazy"' not in card for card in cards[:2])
        assert all('loading="lazy"' in card and "fetchpriority" not in card for card in cards[2:])
