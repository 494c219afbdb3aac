"""Finding 5: every view that takes `next` sends the visitor only to our own pages, never 500s."""

import pytest
from django.test import Client

from asoud.accounts.models import User

pytestmark = pytest.mark.django_db

BAD = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://alpha.localhost.evil.example/",
    "foo",  # not an address: redirect() would look it up as a view name (NoReverseMatch, 500)
    "cart:detail",
    "/cart/add/",  # a POST-only view: following the redirect would answer 405
    "/dashboard/products/bulk/",
]
ADDRESS = {
    "label": "Home",
    "receiver_name": "Sara",
    "receiver_mobile": "09121234567",
    "province": "Tehran",
    "city": "Tehran",
    "street": "Valiasr St. 12",
    "postal_code": "1234567890",
}


@pytest.fixture
def owner_client(market_alpha):
    client = Client(HTTP_HOST="alpha.localhost")
    client.force_login(User.objects.get(mobile="+989130000001"))
    return client


@pytest.mark.parametrize("target", BAD)
def test_address_form_falls_back_to_the_profile(target):
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.create_user("09351112277"))
    # POST-only views of the platform host (the market's ones are 404s here)
    target = {"/cart/add/": "/accounts/logout/", "/dashboard/products/bulk/": "/accounts/profile/documents/"}.get(
        target, target
    )
    response = client.post(f"/accounts/profile/addresses/new/?next={target}", {**ADDRESS, "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"


@pytest.mark.parametrize("target", BAD)
def test_cart_add_falls_back_to_the_cart(market_alpha, target):
    response = Client(HTTP_HOST="alpha.localhost").post("/cart/add/", {"product": "0", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/cart/"


@pytest.mark.parametrize("target", BAD)
def test_dashboard_bulk_action_falls_back_to_the_product_list(owner_client, target):
    response = owner_client.post("/dashboard/products/bulk/", {"action": "nonsense", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/products/"


@pytest.mark.parametrize("target", BAD)
def test_handoff_finish_and_market_sign_in_stay_home(market_alpha, target):
    market = Client(HTTP_HOST="alpha.localhost")
    assert market.get("/accounts/handoff/", {"anonymous": "1", "next": target})["Location"] == "/"
    response = market.get("/accounts/login/", {"next": target})
    assert response.status_code == 302
    assert "next=http%3A%2F%2Falpha.localhost%2F" in response["Location"]


def test_sign_in_never_sends_the_visitor_away(market_alpha):
    """allauth's own `next` (after the code) uses the same rule."""
    from asoud.core.http import is_safe_next

    request = Client(HTTP_HOST="alpha.localhost").get("/").wsgi_request
    for target in BAD:
        assert not is_safe_next(request, target), target


def test_good_targets_are_kept(owner_client, market_alpha):
    response = owner_client.post(
        "/dashboard/products/bulk/", {"action": "nonsense", "next": "/dashboard/products/?q=pen&page=2"}
    )
    assert response["Location"] == "/dashboard/products/?q=pen&page=2"
    response = Client(HTTP_HOST="alpha.localhost").post(
        "/cart/add/", {"product": "0", "next": "http://alpha.localhost/cart/"}
    )
    assert response["Location"] == "http://alpha.localhost/cart/"
