"""Every storefront page renders, in Persian and English, in each built-in theme."""

import pytest
from django.db import connection

from storefront.catalog.tests.factories import CategoryFactory, DiscountFactory, ProductFactory, VariantFactory

PAGES = ["/", "/products/", "/c/teaware/", "/p/steel-kettle/", "/search/?q=kettle", "/about/"]


@pytest.fixture
def shop(in_alpha, in_beta):
    for enter in (in_alpha, in_beta):
        with enter():
            teaware = CategoryFactory(name="Teaware", slug="teaware")
            kettle = ProductFactory(
                title="Steel kettle", slug="steel-kettle", category=teaware, price_main=18_500_000, keywords=["kettle"]
            )
            DiscountFactory(product=kettle, value=20)
            VariantFactory(
                product=ProductFactory(title="Tea glass", slug="tea-glass", category=teaware, initial_stock=0)
            )


def _set_theme(market, theme):
    connection.set_schema_to_public()  # a request leaves the connection in the last market's schema
    market.theme = theme
    market.save(update_fields=["theme"])


@pytest.mark.django_db
@pytest.mark.parametrize("theme", ["classic", "bazaar", "minimal"])
@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_every_theme_and_language(alpha_client, market_alpha, shop, theme, language, path):
    _set_theme(market_alpha, theme)
    alpha_client.cookies["asoud_language"] = language
    response = alpha_client.get(path)
    assert response.status_code == 200
    html = response.text
    assert f"theme-{theme}" in html
    assert f'href="/static/css/themes/{theme}.css"' in html
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "fa")
    assert "Alpha Shop" in html


@pytest.mark.django_db
def test_persian_page_shows_toman_with_persian_digits(alpha_client, shop):
    html = alpha_client.get("/p/steel-kettle/").text
    assert "۱٬۴۸۰٬۰۰۰ تومان" in html  # 18,500,000 Rials − 20% = 1,480,000 Toman
    assert "افزودن به سبد خرید" in html


@pytest.mark.django_db
def test_english_page_shows_toman_with_latin_digits(alpha_client, shop):
    alpha_client.cookies["asoud_language"] = "en"
    html = alpha_client.get("/p/steel-kettle/").text
    assert "1,480,000 Toman" in html
    assert "Add to cart" in html


@pytest.mark.django_db
def test_the_three_themes_look_different(alpha_client, beta_client, market_alpha, shop):
    classic = alpha_client.get("/").text
    bazaar = beta_client.get("/").text
    _set_theme(market_alpha, "minimal")
    minimal = alpha_client.get("/").text
    assert "classic-header" in classic and "bazaar-band" not in classic
    assert "bazaar-band" in bazaar and "bazaar-tiles" in bazaar
    assert "minimal-header" in minimal and "minimal-footer" in minimal


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/p/no-such-product/", "/c/no-such-category/", "/nothing/here/"])
def test_missing_pages_get_the_themed_404(beta_client, shop, path):
    response = beta_client.get(path)
    assert response.status_code == 404
    assert "theme-bazaar" in response.text
    assert "Beta Store" in response.text
    assert "این صفحه را پیدا نکردیم" in response.text
    assert 'name="robots" content="noindex' in response.text


@pytest.mark.django_db
def test_an_inactive_product_is_not_found(alpha_client, in_alpha):
    with in_alpha():
        ProductFactory(slug="hidden", is_active=False)
    assert alpha_client.get("/p/hidden/").status_code == 404


@pytest.mark.django_db
def test_home_of_an_empty_shop_still_renders(alpha_client):
    response = alpha_client.get("/")
    assert response.status_code == 200
    assert "Alpha Shop" in response.text


@pytest.mark.django_db
def test_404_page_uses_the_requests_market_even_from_another_schema(rf, market_alpha, market_beta, in_alpha, in_beta):
    """Under ASGI Django renders error pages in a thread whose connection may point at any schema."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.cache import SessionStore

    from storefront.catalog.views import not_found

    with in_alpha():
        CategoryFactory(name="Alpha teas", slug="alpha-teas")
    with in_beta():
        CategoryFactory(name="Beta spices", slug="beta-spices")
    request = rf.get("/missing/", HTTP_HOST="alpha.localhost")
    request.tenant, request.user, request.session, request.htmx = market_alpha, AnonymousUser(), SessionStore(), False
    connection.set_tenant(market_beta)
    response = not_found(request)
    assert response.status_code == 404
    assert "Alpha teas" in response.content.decode() and "Beta spices" not in response.content.decode()
