"""Becoming a marketer (terms + a valid IBAN), picking products, the catalogue and the public link page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from asoud.affiliates.models import AffiliateLink, Marketer
from asoud.core.testing import english

from .conftest import BROWSER_UA, VALID_IBAN, user_make

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = english(Client(HTTP_HOST="localhost", HTTP_USER_AGENT=BROWSER_UA))
    client.force_login(user)
    return client


def test_join_needs_an_iban_on_the_profile():
    user = user_make("+989350000201")
    client = _signed_in(user)
    page = client.get("/marketer/join/")
    assert "add your IBAN (Sheba) to your profile first" in page.content.decode()

    response = client.post("/marketer/join/", {"handle": "ali", "accept_terms": "on"})

    assert response.status_code == 200
    assert "Add your bank IBAN (Sheba) to your profile first" in response.content.decode()
    assert not Marketer.objects.filter(user=user).exists()


def test_join_refuses_an_invalid_iban_and_missing_terms():
    user = user_make("+989350000202", iban="IR820540102680020817909003")  # wrong check digits
    client = _signed_in(user)
    assert client.post("/marketer/join/", {"handle": "reza", "accept_terms": "on"}).status_code == 200
    assert not Marketer.objects.filter(user=user).exists()

    user.profile.iban = VALID_IBAN
    user.profile.save()
    without_terms = client.post("/marketer/join/", {"handle": "reza"})
    assert without_terms.context["form"].errors["accept_terms"]
    assert not Marketer.objects.filter(user=user).exists()


def test_join_with_a_valid_iban_makes_a_marketer(market_alpha):
    user = user_make("+989350000203", iban=VALID_IBAN)
    client = _signed_in(user)

    response = client.post("/marketer/join/", {"handle": "Neda-Picks", "bio": "Tea lover", "accept_terms": "on"})

    assert response.status_code == 302 and response["Location"] == "/marketer/catalogue/"
    marketer = Marketer.objects.get(user=user)
    assert (marketer.handle, marketer.iban, marketer.bio) == ("neda-picks", VALID_IBAN, "Tea lover")
    user.refresh_from_db()
    assert user.is_marketer
    assert client.get("/marketer/join/")["Location"] == "/marketer/"


def test_marketer_area_sends_others_to_join():
    client = _signed_in(user_make("+989350000204"))
    assert client.get("/marketer/")["Location"] == "/marketer/join/"
    assert Client(HTTP_HOST="localhost").get("/marketer/").status_code == 302


def test_catalogue_lists_only_affiliate_products_full_page_and_fragment(marketer_client, offer, market_alpha):
    from asoud.marketplace.tests.factories import product_make

    product_make(market_alpha, title="زعفران بدون کمیسیون", slug="saffron-plain", price=10_000_000)

    page = marketer_client.get("/marketer/catalogue/", {"q": "زعفران"})
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert [listing.title for listing in page.context["page"].object_list] == ["زعفران سرگل"]
    assert "بدون کمیسیون" not in html

    fragment = marketer_client.get("/marketer/catalogue/", {"q": "زعف"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body and body.strip().startswith('<div id="catalogue-results"')
    assert "زعفران سرگل" in body


def test_creating_a_link_gives_a_short_code_once(marketer_client, marketer, offer):
    response = marketer_client.post("/marketer/links/", {"listing": offer.pk, "next": "/marketer/catalogue/"})

    assert response.status_code == 302 and response["Location"] == "/marketer/catalogue/"
    link = AffiliateLink.objects.get(marketer=marketer)
    assert (link.market_id, link.product_id, link.title) == (offer.market_id, offer.product_id, "زعفران سرگل")
    assert len(link.code) == 8
    marketer_client.post("/marketer/links/", {"listing": offer.pk})
    assert AffiliateLink.objects.filter(marketer=marketer).count() == 1
    catalogue = marketer_client.get("/marketer/catalogue/").content.decode()
    assert f"http://localhost/r/{link.code}" in catalogue
    dashboard = marketer_client.get("/marketer/").content.decode()
    assert f"http://localhost/r/{link.code}" in dashboard and "<svg" in dashboard


def test_a_product_without_offer_cannot_be_linked(marketer_client, marketer, market_alpha):
    from asoud.marketplace.tests.factories import listing_of, product_make

    plain = listing_of(market_alpha, product_make(market_alpha, title="Plain", slug="plain", price=1_000))
    marketer_client.post("/marketer/links/", {"listing": plain.pk})
    assert not AffiliateLink.objects.filter(marketer=marketer).exists()


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "orange").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def test_link_page_shows_bio_avatar_and_picks(marketer_client, marketer, offer):
    marketer_client.post("/marketer/links/", {"listing": offer.pk})
    link = AffiliateLink.objects.get(marketer=marketer)

    fake = SimpleUploadedFile("evil.png", b"<?php echo 1; ?>", content_type="image/png")
    refused = marketer_client.post("/marketer/page/", {"bio": "x", "avatar": fake})
    assert refused.status_code == 200 and refused.context["form"].errors["avatar"]
    marketer_client.post("/marketer/page/", {"bio": "بهترین زعفران ایران", "avatar": _png()})

    page = Client(HTTP_HOST="localhost").get("/@sara")
    html = page.content.decode()
    assert page.status_code == 200
    assert "@sara" in html and "بهترین زعفران ایران" in html and "زعفران سرگل" in html
    assert f'href="/r/{link.code}"' in html
    marketer.refresh_from_db()
    assert marketer.avatar and marketer.avatar.url in html
    assert Client(HTTP_HOST="localhost").get("/@nobody").status_code == 404
