"""Searching every market from the platform host: Persian and English, prefixes, filters, sorting, htmx."""

import pytest

from asoud.marketplace.models import Listing

from .factories import category_make, product_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def catalogue(market_alpha, market_beta):
    # Listings that tests running real servers committed earlier would join the results: this test's
    # transaction hides them (the deletion is rolled back with it).
    Listing.objects.all().delete()
    spices = category_make(market_alpha, name="ادویه", slug="spices")
    kitchen = category_make(market_beta, name="آشپزخانه", slug="kitchen")
    return {
        "saffron": product_make(market_alpha, title="زعفران سرگل", slug="saffron", price=29_000_000, category=spices, sold=40),
        "book": product_make(market_alpha, title="كتاب آشپزي", slug="cook-book", price=4_000_000, sold=5),
        "kettle": product_make(market_beta, title="Steel Kettle 2024", slug="kettle", price=18_000_000, category=kitchen, sold=12),
        "pot": product_make(market_beta, title="Granite pot", slug="pot", price=64_000_000, category=kitchen, keywords=["قابلمه"]),
    }  # fmt: skip


def _titles(response) -> list[str]:
    return [listing.title for listing in response.context["page"].object_list]


def test_persian_prefix_search_across_markets(platform, catalogue):
    response = platform.get("/search/", {"q": "زعف"})
    assert response.status_code == 200
    assert _titles(response) == ["زعفران سرگل"]
    assert "http://alpha.localhost/p/saffron/" in response.content.decode()


def test_arabic_letters_match_persian_ones_both_ways(platform, catalogue):
    # Indexed with Arabic ك and ي, searched with Persian ک and ی.
    assert _titles(platform.get("/search/", {"q": "کتاب آشپزی"})) == ["كتاب آشپزي"]


def test_english_keywords_and_persian_digits(platform, catalogue):
    assert _titles(platform.get("/search/", {"q": "kett"})) == ["Steel Kettle 2024"]
    assert _titles(platform.get("/search/", {"q": "۲۰۲"})) == ["Steel Kettle 2024"]
    assert _titles(platform.get("/search/", {"q": "قابلمه"})) == ["Granite pot"]
    assert _titles(platform.get("/search/", {"q": "nothing-like-this"})) == []


def test_filters_and_sorting(platform, catalogue):
    by_price = platform.get("/search/", {"sort": "price_asc"})
    assert _titles(by_price) == ["كتاب آشپزي", "Steel Kettle 2024", "زعفران سرگل", "Granite pot"]
    assert _titles(platform.get("/search/", {"sort": "price_desc"}))[0] == "Granite pot"
    assert _titles(platform.get("/search/", {"sort": "bestselling"}))[:2] == ["زعفران سرگل", "Steel Kettle 2024"]
    # Prices are typed in Toman (Persian digits welcome) and compared with Rials.
    in_range = platform.get("/search/", {"min_price": "۱٬۰۰۰٬۰۰۰", "max_price": "3000000", "sort": "price_asc"})
    assert _titles(in_range) == ["Steel Kettle 2024", "زعفران سرگل"]
    assert _titles(platform.get("/search/", {"category": "آشپزخانه", "sort": "price_asc"})) == [
        "Steel Kettle 2024", "Granite pot",
    ]  # fmt: skip


def test_full_page_and_htmx_fragment(platform, catalogue):
    page = platform.get("/search/", {"q": "pot"})
    html = page.content.decode()
    assert "<html" in html and 'id="search-results"' in html and "Granite pot" in html
    assert "1 product found" in html or "۱" in html

    fragment = platform.get("/search/", {"q": "pot"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<div id="search-results"')
    assert "Granite pot" in body and "Steel Kettle" not in body
    assert fragment.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]


def test_pagination_counts_every_result(platform, market_alpha):
    for number in range(27):
        product_make(market_alpha, title=f"Notebook {number}", slug=f"notebook-{number}", price=100_000 + number)
    first = platform.get("/search/", {"q": "notebook"})
    assert first.context["page"].paginator.count == 27
    assert len(first.context["page"].object_list) == 24
    second = platform.get("/search/", {"q": "notebook", "page": 2}, HTTP_HX_REQUEST="true")
    assert len(second.context["page"].object_list) == 3
    assert 'hx-get="?q=notebook&amp;page=1"' in second.content.decode()


def test_marketplace_home_and_directory(platform, catalogue, market_alpha):
    home = platform.get("/")
    html = home.content.decode()
    assert home.status_code == 200
    assert "زعفران سرگل" in html and "Alpha Shop" in html and "Beta Store" in html
    assert 'action="/search/"' in html

    directory = platform.get("/markets/", {"category": "ادویه"})
    assert [m.slug for m in directory.context["markets"]] == ["alpha"]
    assert "http://alpha.localhost/" in directory.content.decode()


def test_the_products_own_words_rank_before_the_markets_name(platform, market_alpha, market_beta):
    """A shop named after saffron does not push its other products above saffron elsewhere."""
    market_alpha.name = "زعفران زعفرانی زعفرانیه"
    market_alpha.save()
    product_make(market_alpha, title="Glass tea cup", slug="cup", price=1_000_000, sold=90)
    product_make(market_beta, title="Negin threads", slug="negin", price=9_000_000, keywords=["زعفران"])
    product_make(market_beta, title="زعفران پوشال", slug="pushal", price=8_000_000)
    titles = _titles(platform.get("/search/", {"q": "زعفران"}))
    assert set(titles[:2]) == {"Negin threads", "زعفران پوشال"} and titles[2:] == ["Glass tea cup"]


def test_markets_made_by_scripts_benches_and_tests_are_never_listed(platform, catalogue):
    """`create_market` (as the benches and tests use it) makes an unlisted market: open at its address,
    absent from the directory, the platform search and the home page until staff list it."""
    from django.core.management import call_command

    from asoud.marketplace.services import listing_index_market
    from tenants.models import Market

    call_command("create_market", "bench-zz", "--name", "Bench zz market", "--active")
    bench = Market.objects.get(slug="bench-zz")
    assert bench.is_active and not bench.is_listed
    product_make(bench, title="زعفران محک", slug="bench-saffron", price=1_000_000)

    def shown() -> tuple[bool, bool, bool]:
        directory = platform.get("/markets/").content.decode()
        search = _titles(platform.get("/search/", {"q": "زعفران"}))
        home = platform.get("/").content.decode()
        return "Bench zz market" in directory, "زعفران محک" in search, "Bench zz market" in home

    assert shown() == (False, False, False)
    assert "Alpha Shop" in platform.get("/markets/").content.decode()
    Market.objects.filter(pk=bench.pk).update(is_listed=True)
    bench.refresh_from_db()
    listing_index_market(market=bench)  # what the admin queues when staff list a market
    assert shown()[:2] == (True, True)
