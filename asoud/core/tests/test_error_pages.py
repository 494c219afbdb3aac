"""With DEBUG off (as `make run` and production serve) errors get friendly, translated pages: a
market's own themed page on its host, never Django's technical pages."""

import pytest
from django.test import Client
from django.utils import translation

from asoud.accounts.models import User


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "heading"), [("en", "We could not find that page"), ("fa", 'lang="fa"')])
def test_unknown_platform_page_is_a_friendly_404(settings, client, language, heading):
    settings.DEBUG = False
    client.cookies["asoud_language"] = language
    response = client.get("/no-such-page/", HTTP_HOST="localhost")
    assert response.status_code == 404
    assert heading in response.text
    assert "URLconf" not in response.text and "urlpatterns" not in response.text


@pytest.mark.django_db
def test_unknown_market_page_is_the_markets_themed_404(settings, market_alpha):
    settings.DEBUG = False
    browser = Client(HTTP_HOST="alpha.localhost")
    browser.cookies["asoud_language"] = "en"
    response = browser.get("/no-such-page/")
    assert response.status_code == 404
    assert "Alpha Shop" in response.text and "Back to the shop" in response.text
    assert "URLconf" not in response.text


@pytest.mark.django_db
def test_someone_elses_dashboard_is_the_markets_themed_403(settings, market_alpha):
    settings.DEBUG = False
    stranger = User.objects.create(mobile="+989130009999")
    browser = Client(HTTP_HOST="alpha.localhost")
    browser.force_login(stranger)
    browser.cookies["asoud_language"] = "en"
    response = browser.get("/dashboard/")
    assert response.status_code == 403
    assert "You may not open this page" in response.text and "Alpha Shop" in response.text


@pytest.mark.django_db
def test_an_expired_form_gets_a_friendly_translated_403(settings, market_alpha):
    settings.DEBUG = False
    browser = Client(HTTP_HOST="alpha.localhost", enforce_csrf_checks=True)
    browser.cookies["asoud_language"] = "en"
    response = browser.post("/cart/add/", {"product": 1, "quantity": 1})
    assert response.status_code == 403
    assert "The form has expired" in response.text
    assert "CSRF verification failed" not in response.text


def test_the_server_error_page_follows_the_language():
    from django.test import RequestFactory

    from asoud.core.views import server_error

    with translation.override("en"):
        english = server_error(RequestFactory().get("/")).content.decode()
    assert 'lang="en"' in english and 'dir="ltr"' in english and "bootstrap.min.css" in english
    with translation.override("fa"):
        persian = server_error(RequestFactory().get("/")).content.decode()
    assert 'lang="fa"' in persian and 'dir="rtl"' in persian
