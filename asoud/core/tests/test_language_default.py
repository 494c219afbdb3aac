"""Persian unless the visitor chose otherwise (issue 15, item 12): a browser set to English gets the
Persian site until the visitor picks English; the choice (the language cookie) then holds on every
host. The REST API keeps answering in the Accept-Language an app asks for."""

import pytest
from django.test import Client

from asoud.core.testing import english

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.mark.parametrize("host", ["localhost", "alpha.localhost"])
def test_an_english_browser_alone_gets_persian(host, market_alpha):
    page = Client(HTTP_HOST=host).get("/", **ENGLISH_BROWSER)
    assert page.status_code == 200
    assert '<html lang="fa" dir="rtl">' in page.content.decode()
    assert page["Content-Language"] == "fa"
    assert "Accept-Language" not in page.get("Vary", "")  # one cached copy per chosen language only


@pytest.mark.parametrize("host", ["localhost", "alpha.localhost"])
def test_the_visitors_choice_wins(host, market_alpha):
    chose = english(Client(HTTP_HOST=host)).get("/", HTTP_ACCEPT_LANGUAGE="fa")
    assert '<html lang="en" dir="ltr">' in chose.content.decode()


def test_the_switcher_sets_the_choice_and_it_sticks():
    visitor = Client(HTTP_HOST="localhost")
    visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en"' in visitor.get("/", HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    visitor.post("/i18n/setlang/", {"language": "fa", "next": "/"})
    assert '<html lang="fa"' in visitor.get("/", **ENGLISH_BROWSER).content.decode()


def test_an_unknown_host_page_is_persian_for_an_english_browser():
    page = Client(HTTP_HOST="nobody-here.localhost").get("/", **ENGLISH_BROWSER)
    assert page.status_code == 404 and 'lang="fa"' in page.content.decode()


def test_the_api_still_speaks_the_language_the_app_asks_for():
    english_app = Client(HTTP_HOST="localhost").get("/api/v1/me/", **ENGLISH_BROWSER)
    persian_app = Client(HTTP_HOST="localhost").get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="fa")
    assert english_app.status_code == persian_app.status_code == 401
    assert english_app["Content-Language"] == "en" and persian_app["Content-Language"] == "fa"
    assert english_app.json()["title"] != persian_app.json()["title"]
    assert "Accept-Language" in english_app["Vary"]
