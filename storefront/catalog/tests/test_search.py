"""Search: PostgreSQL full-text search in Persian and English, prefixes, result count."""

import re

import pytest

from storefront.catalog.services import product_update
from storefront.catalog.tests.factories import ProductFactory


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="product-card-title"[^>]*>([^<]+)</h3>', html)


@pytest.fixture
def goods(in_alpha):
    with in_alpha():
        ProductFactory(
            title="زعفران سرگل ممتاز", keywords=["saffron", "قائنات"], description="<p>زعفران تازهٔ <b>قائنات</b></p>"
        )
        ProductFactory(title="کتری استیل سوت‌دار", keywords=["kettle"], sku="KT-100")
        ProductFactory(title="Rumi: Selected Poems", keywords=["poetry"])
        ProductFactory(title="کتاب‌های کودک ۱۲ جلدی", keywords=["kids books"])
        ProductFactory(title="Hidden saffron", is_active=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("زعفران", ["زعفران سرگل ممتاز"]),
        ("زعف", ["زعفران سرگل ممتاز"]),  # prefix
        ("saffron", ["زعفران سرگل ممتاز"]),  # English keyword finds the Persian product
        ("SAFF", ["زعفران سرگل ممتاز"]),
        ("قائنات", ["زعفران سرگل ممتاز"]),  # keyword and description
        ("کتري", ["کتری استیل سوت‌دار"]),  # Arabic ي typed, Persian ی stored
        ("سوت", ["کتری استیل سوت‌دار"]),
        ("kt-100", ["کتری استیل سوت‌دار"]),  # SKU
        ("rumi poe", ["Rumi: Selected Poems"]),  # every word, each a prefix
        ("كتاب", ["کتاب‌های کودک ۱۲ جلدی"]),  # Arabic ك
        ("12", ["کتاب‌های کودک ۱۲ جلدی"]),  # Latin digits find Persian digits
        ("۱۲ کودک", ["کتاب‌های کودک ۱۲ جلدی"]),
    ],
)
def test_search_finds_products_in_persian_and_english(alpha_client, goods, query, expected):
    assert titles(alpha_client.get("/search/", {"q": query}).text) == expected


@pytest.mark.django_db
def test_search_shows_the_number_of_results(alpha_client, in_alpha, goods):
    with in_alpha():
        ProductFactory(title="Saffron tea", keywords=["saffron"])
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/search/", {"q": "saffron"}).text
    assert "2 results for “saffron”" in html
    assert len(titles(html)) == 2


@pytest.mark.django_db
def test_search_count_in_persian(alpha_client, goods):
    assert "۱ نتیجه برای «زعف»" in alpha_client.get("/search/", {"q": "زعف"}).text


@pytest.mark.django_db
def test_no_match_and_hostile_input(alpha_client, goods):
    alpha_client.cookies["asoud_language"] = "en"
    nothing = alpha_client.get("/search/", {"q": "zzzz"}).text
    assert "0 results" in nothing and "Nothing matched" in nothing
    for hostile in ["' & | ! :*", "(", "<script>", "a:* | b"]:
        assert alpha_client.get("/search/", {"q": hostile}).status_code == 200


@pytest.mark.django_db
def test_empty_search_shows_a_hint(alpha_client, goods):
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/search/").text
    assert "Type a few letters" in html
    assert titles(html) == []


@pytest.mark.django_db
def test_search_index_follows_product_changes(alpha_client, in_alpha, goods):
    with in_alpha():
        product = ProductFactory(title="Copper tray")
    assert titles(alpha_client.get("/search/", {"q": "copper"}).text) == ["Copper tray"]
    with in_alpha():
        product_update(product=product, title="Brass tray")
    assert titles(alpha_client.get("/search/", {"q": "copper"}).text) == []
    assert titles(alpha_client.get("/search/", {"q": "brass"}).text) == ["Brass tray"]


@pytest.mark.django_db
def test_search_results_fragment_for_htmx(alpha_client, goods):
    response = alpha_client.get("/search/", {"q": "kettle"}, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<section id="results"')
    assert titles(response.text) == ["کتری استیل سوت‌دار"]
    assert 'name="robots" content="noindex' not in response.text


@pytest.mark.django_db
def test_search_page_is_not_indexed(alpha_client, goods):
    assert 'name="robots" content="noindex' in alpha_client.get("/search/", {"q": "kettle"}).text
