"""Every host has a favicon: a <link rel="icon"> on every page and `/favicon.ico` (issue 15, item 13)."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("host", ["localhost", "alpha.localhost"])
def test_favicon_ico_on_every_host(host):
    response = Client(HTTP_HOST=host).get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.ico")
    assert finders.find("img/favicon.ico") and finders.find("img/favicon.svg")


@pytest.mark.parametrize(
    ("host", "path"), [("localhost", "/"), ("alpha.localhost", "/"), ("alpha.localhost", "/cart/")]
)
def test_pages_link_their_icon(host, path):
    html = Client(HTTP_HOST=host).get(path).content.decode()
    assert 'rel="icon"' in html and "img/favicon.ico" in html
