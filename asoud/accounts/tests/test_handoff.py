"""One identity on every host: the signed, single-use handoff and sign-out everywhere."""

from urllib.parse import parse_qs, urlsplit

import pytest

from asoud.accounts import handoff
from asoud.accounts.models import User
from asoud.core.testing import english

from .conftest import market_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper():
    return User.objects.create_user("09351112233", name="Shopper")


def follow_handoff(platform, market, target="http://alpha.localhost/some/page/?q=1"):
    start = platform.get("/accounts/handoff/start/", {"next": target})
    assert start.status_code == 302
    finish = urlsplit(start["Location"])
    assert finish.netloc == "alpha.localhost"
    assert finish.path == "/accounts/handoff/"
    return market.get(finish.path, parse_qs(finish.query) and {k: v[0] for k, v in parse_qs(finish.query).items()})


def test_a_signed_in_shopper_arrives_signed_in_on_a_market(shopper, market_alpha):
    platform = market_client("localhost")
    platform.force_login(shopper)
    market = market_client("alpha.localhost")

    response = follow_handoff(platform, market)
    assert response.status_code == 302
    assert response["Location"] == "/some/page/?q=1"
    assert market.get("/").context["user"] == shopper


def test_tokens_are_single_use(shopper, market_alpha):
    token = handoff.token_issue(user=shopper, host="alpha.localhost")
    assert handoff.token_redeem(token=token, host="alpha.localhost") == shopper
    with pytest.raises(handoff.HandoffError):
        handoff.token_redeem(token=token, host="alpha.localhost")


def test_expired_tokens_are_refused(shopper, market_alpha, settings):
    token = handoff.token_issue(user=shopper, host="alpha.localhost")
    settings.HANDOFF_MAX_AGE_SECONDS = -1
    with pytest.raises(handoff.HandoffError):
        handoff.token_redeem(token=token, host="alpha.localhost")


def test_tokens_only_work_on_the_host_they_were_issued_for(shopper, market_alpha, market_beta):
    token = handoff.token_issue(user=shopper, host="alpha.localhost")
    with pytest.raises(handoff.HandoffError):
        handoff.token_redeem(token=token, host="beta.localhost")


def test_tampered_tokens_are_refused(shopper, market_alpha):
    token = handoff.token_issue(user=shopper, host="alpha.localhost")
    with pytest.raises(handoff.HandoffError):
        handoff.token_redeem(token=token[:-2] + "xx", host="alpha.localhost")


def test_a_replayed_link_does_not_sign_in_and_says_why(shopper, market_alpha):
    token = handoff.token_issue(user=shopper, host="alpha.localhost")
    first = market_client("alpha.localhost")
    first.get("/accounts/handoff/", {"token": token, "next": "/"})
    assert first.get("/").context["user"] == shopper
    thief = market_client("alpha.localhost")
    response = english(thief).get("/accounts/handoff/", {"token": token, "next": "/"})
    page = english(thief).get(response["Location"])
    assert not page.context["user"].is_authenticated
    assert "expired or was already used" in page.text


def test_handoff_never_redirects_to_foreign_sites(shopper):
    platform = market_client("localhost")
    platform.force_login(shopper)
    assert platform.get("/accounts/handoff/start/", {"next": "https://evil.example/"}).status_code == 400
    market = market_client("alpha.localhost")
    response = market.get("/accounts/handoff/", {"anonymous": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_new_visitor_is_bridged_once_through_the_platform(market_alpha):
    market = market_client("alpha.localhost")
    first = market.get("/", HTTP_ACCEPT="text/html")
    assert first.status_code == 302
    assert first["Location"].startswith("http://localhost/accounts/handoff/start/?")
    platform = market_client("localhost")
    back = platform.get(
        urlsplit(first["Location"]).path,
        parse_qs(urlsplit(first["Location"]).query)
        and {k: v[0] for k, v in parse_qs(urlsplit(first["Location"]).query).items()},
    )
    assert "anonymous=1" in back["Location"]
    finish = urlsplit(back["Location"])
    market.get(finish.path, {k: v[0] for k, v in parse_qs(finish.query).items()})
    assert market.get("/", HTTP_ACCEPT="text/html").status_code == 200  # checked: no more bounces


def test_market_sign_in_goes_through_the_platform_and_back():
    market = market_client("alpha.localhost")
    response = market.get("/accounts/login/", {"next": "/cart/"})
    assert response.status_code == 302
    assert response["Location"].startswith(
        "http://localhost/accounts/handoff/start/?next=http%3A%2F%2Falpha.localhost%2Fcart%2F"
    )
    platform = market_client("localhost")
    to_login = platform.get(urlsplit(response["Location"]).path, {"next": "http://alpha.localhost/cart/"})
    assert to_login["Location"].startswith(
        "/accounts/login/code/?next=%2Faccounts%2Fhandoff%2Fstart%2F"
    )  # encoded: its own query survives


def test_sign_out_signs_out_everywhere(shopper, market_alpha):
    platform = market_client("localhost")
    platform.force_login(shopper)
    market = market_client("alpha.localhost")
    follow_handoff(platform, market)
    assert market.get("/").context["user"] == shopper

    market.post("/accounts/logout/")
    assert not platform.get("/").context["user"].is_authenticated
    assert not market.get("/").context["user"].is_authenticated


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_language_chosen_on_the_platform_carries_to_a_market(shopper, market_alpha, signed_in):
    """Switching to English on the platform is not lost on a market host (cookies are per host)."""
    platform = market_client("localhost")
    if signed_in:
        platform.force_login(shopper)
    platform.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert platform.cookies["asoud_language"].value == "en"
    market = market_client("alpha.localhost")
    bounce = market.get("/", HTTP_ACCEPT="text/html")
    query = {k: v[0] for k, v in parse_qs(urlsplit(bounce["Location"]).query).items()}
    back = urlsplit(platform.get("/accounts/handoff/start/", query)["Location"])
    market.get(back.path, {k: v[0] for k, v in parse_qs(back.query).items()})
    assert market.cookies["asoud_language"].value == "en"
    page = market.get("/", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="fa")
    assert '<html lang="en"' in page.content.decode()
    # Nothing chosen on the platform: nothing carried, the market keeps its own default.
    fresh = market_client("alpha.localhost")
    fresh.get(back.path, {k: v[0] for k, v in parse_qs(back.query).items() if k != "lang"})
    assert "asoud_language" not in fresh.cookies


def test_signing_in_from_a_markets_checkout_says_where_and_why():
    """The platform's sign-in opened from a market's checkout names the market, says why and leads back."""
    market = market_client("alpha.localhost")
    to_platform = market.get("/accounts/login/", {"next": "/checkout/"})["Location"]
    platform = market_client("localhost")
    start = urlsplit(to_platform)
    to_login = platform.get(start.path, {k: v[0] for k, v in parse_qs(start.query).items()})["Location"]
    page = english(platform).get(to_login).content.decode()
    text = page.replace("\u2068", "").replace("\u2069", "")
    assert 'data-testid="signing-in-for"' in page and "Alpha Shop" in text
    assert "Sign in to finish your order at Alpha Shop." in text
    assert 'href="http://alpha.localhost/checkout/"' in page and "Back to Alpha Shop" in text
    # A sign-in not opened from a market stays plain.
    assert 'data-testid="signing-in-for"' not in platform.get("/accounts/login/code/").content.decode()
