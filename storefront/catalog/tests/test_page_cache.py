"""The anonymous page cache: a repeat visit costs no query, and nobody ever gets someone else's page."""

import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from asoud.core.redis import get_redis
from storefront.analytics.tracking import events_key
from storefront.catalog.cache import catalogue_version_bump
from storefront.catalog.services import product_update
from storefront.catalog.tests.factories import ColleagueFactory, ProductFactory
from tenants.selectors import market_host_cache_clear

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"|"X-CSRFToken": "([A-Za-z0-9]{64})"')


@pytest.fixture
def page_cache(settings, market_alpha, market_beta):
    """Page cache and host cache on (as in production), each market on a fresh storefront version."""
    settings.ASOUD_PAGE_CACHE = True
    settings.ASOUD_HOST_CACHE_SECONDS = 30
    for market in (market_alpha, market_beta):
        market_host_cache_clear(market)
        connection.set_tenant(market)
        catalogue_version_bump()
    connection.set_schema_to_public()
    yield
    for market in (market_alpha, market_beta):
        market_host_cache_clear(market)


@pytest.fixture
def kettle(in_alpha):
    with in_alpha():
        return ProductFactory(title="Kettle", slug="kettle", price_main=1_000_000, initial_stock=5)


def visitor(host="alpha.localhost", language="fa") -> Client:
    client = Client(HTTP_HOST=host)
    client.cookies["asoud_language"] = language
    return client


def tokens(text: str) -> set[str]:
    return {a or b for a, b in TOKEN.findall(text)}


def without_tokens(text: str) -> str:
    return TOKEN.sub("TOKEN", text)


@pytest.mark.django_db
def test_a_repeat_visit_is_the_same_page_without_a_query(page_cache, kettle, django_assert_num_queries):
    browser = visitor()
    first = browser.get("/products/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = browser.get("/products/")
    assert again["X-Page-Cache"] == "hit"
    assert again.status_code == 200 and "Kettle" in again.text
    assert without_tokens(again.text) == without_tokens(first.text)  # byte for byte, but the form token
    assert again["Content-Type"] == first["Content-Type"]
    assert "private" in again["Cache-Control"] and "no-cache" in again["Cache-Control"]


@pytest.mark.django_db
def test_every_visitor_gets_their_own_form_token(page_cache, kettle):
    visitor().get("/p/kettle/")
    newcomer = visitor()
    newcomer.handler.enforce_csrf_checks = True
    page = newcomer.get("/p/kettle/")
    assert page["X-Page-Cache"] == "hit"
    secret = newcomer.cookies["csrftoken"].value  # a new visitor gets a new secret with the page
    found = tokens(page.text)
    assert found and all(_unmask_cipher_token(token) == secret for token in found)
    # The cached page's form works for them: the kettle lands in their cart, and from then on
    # (a session) they get their own pages, with their cart in the header.
    added = newcomer.post(
        "/cart/add/", {"product": kettle.pk, "quantity": 1, "csrfmiddlewaretoken": found.pop(), "next": "/p/kettle/"}
    )
    assert added.status_code in (200, 302)
    after = newcomer.get("/p/kettle/")
    assert "X-Page-Cache" not in after
    assert visitor().get("/p/kettle/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_revalidation_answers_304(page_cache, kettle):
    browser = visitor()
    browser.get("/products/")
    hit = browser.get("/products/")
    assert hit["X-Page-Cache"] == "hit"
    again = browser.get("/products/", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert visitor().get("/products/", HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 200  # another visitor


@pytest.mark.django_db
def test_a_signed_in_visitor_never_gets_the_cached_page(page_cache, in_alpha, kettle):
    with in_alpha():
        colleague = ColleagueFactory()
        ProductFactory(slug="tray", price_main=10_000_000, price_colleague=7_000_000)
    visitor(language="en").get("/p/tray/")
    assert visitor(language="en").get("/p/tray/")["X-Page-Cache"] == "hit"
    member = visitor(language="en")
    member.force_login(colleague.user)
    page = member.get("/p/tray/")
    assert "X-Page-Cache" not in page
    assert "700,000 Toman" in page.text  # their own price, not the cached retail page
    assert "X-Page-Cache" not in member.get("/p/tray/")  # nor is their page stored for others
    assert "700,000 Toman" not in visitor(language="en").get("/p/tray/").text


@pytest.mark.django_db
def test_a_waiting_message_or_a_session_skips_the_cache(page_cache, kettle):
    visitor().get("/products/")
    with_message = visitor()
    with_message.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in with_message.get("/products/")
    with_session = visitor()
    with_session.cookies["sessionid"] = "some-session"
    assert "X-Page-Cache" not in with_session.get("/products/")


@pytest.mark.django_db
def test_a_change_in_the_dashboard_shows_at_once(page_cache, in_alpha, kettle):
    visitor().get("/p/kettle/")
    assert "Kettle" in visitor().get("/p/kettle/").text
    with in_alpha():
        product_update(product=kettle, title="Samovar")  # bumps the storefront version
    fresh = visitor().get("/p/kettle/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Samovar" in fresh.text and "Kettle" not in fresh.text


@pytest.mark.django_db
def test_each_language_has_its_own_page(page_cache, kettle):
    visitor(language="en").get("/products/")
    persian = visitor(language="fa").get("/products/")
    assert persian["X-Page-Cache"] == "miss"
    assert 'lang="fa"' in persian.text
    english = visitor(language="en").get("/products/")
    assert english["X-Page-Cache"] == "hit" and 'lang="en"' in english.text


@pytest.mark.django_db
def test_another_markets_page_is_never_served_for_this_host(page_cache, kettle):
    visitor().get("/products/")
    assert visitor().get("/products/")["X-Page-Cache"] == "hit"
    beta = visitor(host="beta.localhost").get("/products/")
    assert beta["X-Page-Cache"] == "miss"
    assert "Beta Store" in beta.text and "Kettle" not in beta.text and "Alpha Shop" not in beta.text


@pytest.mark.django_db
def test_htmx_fragments_are_kept_apart_from_pages(page_cache, kettle):
    visitor().get("/products/", HTTP_HX_REQUEST="true")
    fragment = visitor().get("/products/", HTTP_HX_REQUEST="true")
    page = visitor().get("/products/")
    assert fragment["X-Page-Cache"] == "hit" and page["X-Page-Cache"] == "miss"
    assert "<html" in page.text and "<html" not in fragment.text


@pytest.mark.django_db
def test_campaign_tags_share_one_entry_but_filters_do_not(page_cache, kettle):
    visitor().get("/products/?sort=price_asc")
    assert visitor().get("/products/?utm_source=x&sort=price_asc")["X-Page-Cache"] == "hit"
    assert visitor().get("/products/?sort=price_desc")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_cached_page_still_counts_as_a_visit(page_cache, settings, kettle):
    settings.ANALYTICS_TRACKING_ENABLED = True
    visitor().get("/p/kettle/")
    redis = get_redis()
    before = redis.llen(events_key("alpha"))
    assert visitor().get("/p/kettle/")["X-Page-Cache"] == "hit"
    assert redis.llen(events_key("alpha")) == before + 1
    assert b'"k":"product_view"' in redis.lindex(events_key("alpha"), -1)


def test_a_page_with_a_form_token_of_someone_else_is_never_stored():
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    from storefront.catalog.page_cache import TOKEN_PLACEHOLDER, _token_cut

    mine, theirs = _get_new_csrf_string(), _get_new_csrf_string()
    form = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    own = form.format(_mask_cipher_secret(mine)).encode()
    assert _token_cut(own, mine) == form.format("").encode().replace(b'value=""', b'value="' + TOKEN_PLACEHOLDER + b'"')
    assert _token_cut(form.format(_mask_cipher_secret(theirs)).encode(), mine) is None
    assert _token_cut(own, None) is None
    assert _token_cut(b"<p>no form here</p>", None) == b"<p>no form here</p>"
