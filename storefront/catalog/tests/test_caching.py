"""Fragment caches and ETags follow the storefront version: changes show at once, nothing leaks."""

import pytest

from storefront.catalog.models import Product, StockMovement
from storefront.catalog.services import discount_create, product_update, stock_adjust
from storefront.catalog.tests.factories import ProductFactory


@pytest.fixture
def kettle(in_alpha):
    with in_alpha():
        return ProductFactory(title="Kettle", slug="kettle", price_main=1_000_000, initial_stock=5)


@pytest.mark.django_db
def test_pages_carry_an_etag_and_answer_304_when_unchanged(alpha_client, kettle):
    alpha_client.get("/products/")  # the first visit sets the form-token (CSRF) cookie
    first = alpha_client.get("/products/")
    assert first.status_code == 200
    etag = first["ETag"]
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    assert {"HX-Request", "Cookie"} <= {v.strip() for v in first["Vary"].split(",")}
    again = alpha_client.get("/products/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
def test_a_product_change_invalidates_cached_pages_and_etags(alpha_client, in_alpha, kettle):
    alpha_client.get("/products/")
    etag = alpha_client.get("/products/")["ETag"]
    assert "Kettle" in alpha_client.get("/").text
    with in_alpha():
        product_update(product=kettle, title="Samovar")
    fresh = alpha_client.get("/products/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert "Samovar" in fresh.text and "Kettle" not in fresh.text
    assert "Samovar" in alpha_client.get("/").text
    assert "Samovar" in alpha_client.get("/p/kettle/").text


@pytest.mark.django_db
def test_stock_and_discount_changes_show_at_once(alpha_client, in_alpha, kettle):
    alpha_client.cookies["asoud_language"] = "en"
    assert "100,000 Toman" in alpha_client.get("/products/").text
    with in_alpha():
        discount_create(product=kettle, kind="percent", value=50)
    assert "50,000 Toman" in alpha_client.get("/products/").text
    with in_alpha():
        stock_adjust(product=kettle, delta=-5, reason=StockMovement.Reason.SALE)
    assert "Out of stock" in alpha_client.get("/p/kettle/").text


@pytest.mark.django_db
def test_writes_that_bypass_the_services_are_noticed_too(alpha_client, in_alpha, kettle):
    assert "Kettle" in alpha_client.get("/products/").text
    with in_alpha():
        Product.objects.create(title="Teapot", slug="teapot", price_main=500_000, stock=1)
    assert "Teapot" in alpha_client.get("/products/").text


@pytest.mark.django_db
def test_the_etag_depends_on_the_language(alpha_client, kettle):
    alpha_client.get("/products/")
    persian = alpha_client.get("/products/")["ETag"]
    alpha_client.cookies["asoud_language"] = "en"
    english = alpha_client.get("/products/", HTTP_IF_NONE_MATCH=persian)
    assert english.status_code == 200 and english["ETag"] != persian


@pytest.mark.django_db
def test_htmx_fragment_and_full_page_have_different_etags(alpha_client, kettle):
    alpha_client.get("/products/")
    page = alpha_client.get("/products/")
    fragment = alpha_client.get("/products/", HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=page["ETag"])
    assert fragment.status_code == 200 and fragment["ETag"] != page["ETag"]


@pytest.mark.django_db
def test_markets_never_share_cached_fragments(alpha_client, beta_client, in_alpha, in_beta):
    with in_alpha():
        ProductFactory(title="Alpha kettle", slug="same-slug")
    with in_beta():
        ProductFactory(title="Beta kettle", slug="same-slug")
    assert "Alpha kettle" in alpha_client.get("/products/").text
    assert "Beta kettle" in beta_client.get("/products/").text
    assert "Alpha kettle" in alpha_client.get("/p/same-slug/").text
    assert "Beta kettle" in beta_client.get("/p/same-slug/").text


@pytest.mark.django_db
def test_visitors_with_a_session_always_get_a_fresh_page(alpha_client, kettle):
    """Their header shows their own cart, which the storefront version knows nothing about."""
    alpha_client.get("/products/")
    alpha_client.cookies["sessionid"] = "some-session"
    response = alpha_client.get("/products/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 200 and not response.has_header("ETag")
