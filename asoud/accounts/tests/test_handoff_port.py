"""Finding 8: the sign-in token goes only to a market host on this deployment's scheme and port."""

import pytest
from django.test import Client

from asoud.accounts.models import User
from asoud.core.testing import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform():
    client = Client(HTTP_HOST="localhost:8000")
    client.force_login(User.objects.create_user("09351112299", name="Shopper"))
    return client


def test_the_token_goes_to_a_market_on_the_same_port(platform, market_alpha):
    response = platform.get("/accounts/handoff/start/", {"next": "http://alpha.localhost:8000/x"})
    assert response.status_code == 302
    assert response["Location"].startswith("http://alpha.localhost:8000/accounts/handoff/?token=")


@pytest.mark.parametrize(
    "target",
    [
        "http://alpha.localhost:6666/x",  # another service on the market's host name
        "http://alpha.localhost/x",  # port 80: not where this deployment is served
        "https://alpha.localhost:8000/x",  # another scheme
        "http://alpha.localhost:abc/x",  # not a port at all
        "ftp://alpha.localhost:8000/x",
        "http://evil.example:8000/x",
    ],
)
def test_any_other_port_scheme_or_host_is_refused(platform, market_alpha, target):
    response = english(platform).get("/accounts/handoff/start/", {"next": target})
    assert response.status_code == 400
    assert "token" not in response.get("Location", "")
    assert "This address is not a market on ASOUD." in response.text


def test_behind_nginx_the_default_port_is_the_public_one(market_alpha):
    """nginx passes Host without a port while uvicorn listens on 8000: the public port is 80."""
    client = Client(HTTP_HOST="localhost", SERVER_PORT="8000")
    client.force_login(User.objects.create_user("09351112298", name="Shopper"))
    assert client.get("/accounts/handoff/start/", {"next": "http://alpha.localhost/x"}).status_code == 302
    assert client.get("/accounts/handoff/start/", {"next": "http://alpha.localhost:8000/x"}).status_code == 400
