"""Opening a market from the platform host: the form, the live address check, and arriving signed
in on the new market's dashboard."""

import itertools
import random
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django_tenants.utils import schema_exists

from asoud.accounts.models import User
from asoud.core.testing import english, persian
from tenants.models import Market

pytestmark = pytest.mark.django_db

_suffixes = itertools.count(random.randint(1000, 9000))


@pytest.fixture
def founder() -> User:
    return User.objects.create_user(f"0935{random.randint(1_000_000, 9_999_999)}", name="Founder")


@pytest.fixture
def platform(founder) -> Client:
    client = english(Client(HTTP_HOST="localhost"))
    client.force_login(founder)
    return client


@pytest.fixture
def new_slug() -> str:
    return f"onb-{next(_suffixes)}"


def check(client, slug, **headers):
    return client.get("/markets/new/check/", {"slug": slug}, **headers)


def test_anonymous_visitors_are_sent_to_sign_in():
    client = Client(HTTP_HOST="localhost")
    for url in ("/markets/new/", "/markets/new/check/?slug=abc"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/markets/new/")


def test_the_form_offers_types_and_theme_cards(platform):
    response = platform.get("/markets/new/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open your market" in html
    assert 'hx-get="/markets/new/check/"' in html
    for value in ("shop", "company", "classic", "bazaar", "minimal"):
        assert f'value="{value}"' in html
    assert ".localhost" in html


def test_the_home_page_links_to_the_wizard():
    response = Client(HTTP_HOST="localhost").get("/")
    assert 'href="/markets/new/"' in response.content.decode()


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("new-shop-{n}", "is available ✓"),
        ("alpha", "Taken: The address “alpha” is already taken."),
        ("admin", "Invalid: “admin” is reserved; choose another address."),
        ("ab", "Invalid: The address must be 3 to 30 characters long."),
        ("Bad_Name!", "Invalid: Use only lowercase English letters"),
    ],
)
def test_the_live_check_returns_a_small_fragment(platform, market_alpha, slug, expected):
    response = check(platform, slug.format(n=next(_suffixes)), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="slug-status"')
    assert "<html" not in html
    assert expected in html


def test_the_check_without_javascript_shows_the_whole_form_with_what_was_typed(platform, market_alpha):
    response = platform.get("/markets/new/check/", {"name": "My Shop", "slug": "alpha", "theme": "minimal"})
    html = response.content.decode()
    assert "<html" in html
    assert "Taken: The address “alpha” is already taken." in html
    assert 'value="My Shop"' in html
    assert 'value="minimal" autocomplete="off" checked' in html


def test_opening_a_market_lands_signed_in_on_its_dashboard(platform, founder, new_slug):
    data = {"name": "Onboarding Bazaar", "slug": new_slug, "type": "company", "theme": "bazaar"}
    assert platform.get("/markets/new/").status_code == 200  # the founder fills in the form first
    started = time.perf_counter()
    response = platform.post("/markets/new/", data)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"creating a market took {elapsed:.2f} s"

    market = Market.objects.get(slug=new_slug)
    assert (market.owner, market.status, market.type, market.theme) == (founder, "active", "company", "bazaar")
    assert market.is_listed  # opened by its owner for shoppers: listed in the directory
    assert schema_exists(market.schema_name)

    assert response.status_code == 302
    finish = urlsplit(response["Location"])
    assert (finish.scheme, finish.netloc, finish.path) == ("http", f"{new_slug}.localhost", "/accounts/handoff/")
    query = {key: values[0] for key, values in parse_qs(finish.query).items()}
    assert query["next"] == "/dashboard/" and query["token"]

    market_host = english(Client(HTTP_HOST=f"{new_slug}.localhost"))
    arrived = market_host.get(finish.path, query)
    assert arrived.status_code == 302 and arrived["Location"] == "/dashboard/"
    dashboard = market_host.get("/dashboard/")
    assert dashboard.status_code == 200
    assert dashboard.context["user"] == founder
    assert "Onboarding Bazaar" in dashboard.content.decode()


def test_the_redirect_keeps_the_port_of_the_request(platform, new_slug):
    data = {"name": "Port Shop", "slug": new_slug, "type": "shop", "theme": "classic"}
    response = platform.post("/markets/new/", data, HTTP_HOST="localhost:8000", SERVER_PORT="8000")
    assert response["Location"].startswith(f"http://{new_slug}.localhost:8000/accounts/handoff/?")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Copycat", "slug": "alpha"}, "The address “alpha” is already taken."),
        ({"name": "Reserved", "slug": "admin"}, "“admin” is reserved; choose another address."),
        ({"name": "Shouting", "slug": "NO_WAY"}, "Use only lowercase English letters"),
        ({"name": "", "slug": "fine-name-{n}"}, "This field is required."),
    ],
)
def test_bad_input_is_shown_again_with_a_clear_message(platform, market_alpha, data, message):
    data = {**data, "slug": data["slug"].format(n=next(_suffixes)), "type": "company", "theme": "minimal"}
    markets_before = Market.objects.count()
    response = platform.post("/markets/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{data["slug"]}"' in html
    if data["name"]:
        assert f'value="{data["name"]}"' in html
    assert 'value="company" autocomplete="off" checked' in html
    assert 'value="minimal" autocomplete="off" checked' in html
    assert Market.objects.count() == markets_before


def test_the_wizard_speaks_persian(founder):
    client = persian(Client(HTTP_HOST="localhost"))
    client.force_login(founder)
    html = client.get("/markets/new/").content.decode()
    assert 'dir="rtl"' in html and "bootstrap.rtl.trim.css" in html
    assert "فروشگاه خودتان را باز کنید" in html
    fragment = client.get("/markets/new/check/", {"slug": "admin"}, HTTP_HX_REQUEST="true").content.decode()
    assert "نامعتبر" in fragment
