"""Text on an owner-chosen colour stays legible: the storefront picks white or near-black by WCAG
contrast for the sale badge and the store's buttons (issue 15, item 13)."""

import pytest

from storefront.catalog.templatetags.storefront import _luminance, readable_on


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colour", ["#f97316", "#d97706", "#b45309", "#1d4ed8", "#9f1239", "#ffff00", "#111111"])
def test_the_chosen_text_colour_passes_aa(colour):
    assert _contrast(readable_on(colour), colour) >= 4.5


def test_the_orange_badge_gets_dark_text_and_the_blue_button_white():
    assert readable_on("#f97316") == "#111111" and readable_on("#1d4ed8") == "#ffffff"
    assert readable_on("not a colour") == "#ffffff"


@pytest.mark.django_db
def test_the_storefront_sets_the_text_colours(alpha_client):
    html = alpha_client.get("/", HTTP_ACCEPT="text/html", HTTP_COOKIE="asoud_signin_checked=1").content.decode()
    assert "--store-on-accent:#111111" in html and "--store-on-primary:#ffffff" in html


@pytest.mark.django_db
def test_owner_text_takes_its_own_direction_in_an_english_page(alpha_client, market_alpha):
    """A Persian description in English mode is isolated (dir="auto"), not laid out left to right."""
    market_alpha.description = "فروشگاه ما از سال ۱۳۹۰ در خدمت شماست."
    market_alpha.save(update_fields=["description"])
    alpha_client.cookies["asoud_language"] = "en"
    for path in ("/", "/about/"):
        html = alpha_client.get(path, HTTP_COOKIE="asoud_signin_checked=1; asoud_language=en").content.decode()
        assert f'dir="auto">{market_alpha.description}</p>' in html, path
