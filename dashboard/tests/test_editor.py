"""The storefront editor: drafts, sections generated from the schema, live preview, publish / discard."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context
from PIL import Image

from asoud.core.testing import english
from storefront.themes.models import ThemeAsset, ThemeSettings
from storefront.themes.services.editor import _DRAFT_THEME_KEY
from tenants.models import Market

from .test_orders import HTMX, OWNER_MOBILE, member_client


@pytest.fixture(autouse=True)
def _forget_draft_theme(market_alpha):
    """The unpublished theme choice lives in the shared cache, which a test's rollback doesn't undo."""
    yield
    with tenant_context(market_alpha):
        cache.delete(_DRAFT_THEME_KEY)
    Market.objects.filter(slug="alpha").update(theme="classic")


@pytest.fixture
def owner(market_alpha):
    return member_client(market_alpha, "owner", OWNER_MOBILE)


def _draft(market):
    with tenant_context(market):
        settings = ThemeSettings.objects.filter(pk=1).first()
        return settings.draft if settings else {}


def _hero_post(title_fa="", title_en="", **extra):
    return {"s0-title__fa": title_fa, "s0-title__en": title_en, "s0-layout": "split", "tab": "sections", **extra}


def _png(width=40, height=30, colour="red") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


# --- Pages --------------------------------------------------------------------------------------


def test_editor_page_and_tab_fragments(owner):
    page = owner.get("/dashboard/storefront/")
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert 'id="editor-panels"' in html and 'id="editor-preview"' in html
    assert "/dashboard/storefront/preview/?v=" in html
    for theme in ("Classic", "Bazaar", "Minimal"):
        assert theme in html

    sections = owner.get("/dashboard/storefront/?tab=sections", **HTMX, HTTP_HX_TARGET="editor-panels").content.decode()
    assert "<html" not in sections and sections.lstrip().startswith('<div id="editor-panels"')
    assert "Hero banner" in sections and 'name="s0-title__fa"' in sections and 'name="s0-title__en"' in sections
    assert 'name="s1-limit"' in sections  # the category grid's settings, generated from its schema

    look = owner.get("/dashboard/storefront/?tab=look", **HTMX).content.decode()
    assert 'name="look-primary"' in look and 'type="color"' in look and 'name="look-announcement_enabled"' in look

    frame = owner.get("/dashboard/storefront/", **HTMX, HTTP_HX_TARGET="editor-preview").content.decode()
    assert frame.lstrip().startswith('<div id="editor-preview"') and "<iframe" in frame


def test_preview_shows_the_draft_and_the_storefront_only_what_is_published(owner, alpha_client, market_alpha):
    response = owner.post("/dashboard/storefront/sections/0/", _hero_post("حراج بهاره", "Spring sale"), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="editor-preview"' in html and 'hx-swap-oob="true"' in html  # the frame reloads with a new address
    assert "Draft saved" in html and "Unpublished changes" in html
    assert _draft(market_alpha)["sections"][0]["settings"]["title"] == {"fa": "حراج بهاره", "en": "Spring sale"}

    preview = english(owner).get("/dashboard/storefront/preview/")
    assert preview.status_code == 200 and "Spring sale" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "Spring sale" not in english(alpha_client).get("/").content.decode()

    published = owner.post("/dashboard/storefront/publish/", {"tab": "sections"}, **HTMX).content.decode()
    assert "Published: your shop shows the new look now." in published
    assert "Spring sale" in english(alpha_client).get("/").content.decode()


def test_section_validation_errors_are_shown_per_field_and_nothing_is_saved(owner, market_alpha):
    before = _draft(market_alpha)
    response = owner.post(
        "/dashboard/storefront/sections/0/", _hero_post("", "", **{"s0-button_link": "javascript:x"}), **HTMX
    )
    html = response.content.decode()
    assert (
        '<div id="err-s0-title" class="field-error" role="alert" hx-swap-oob="true"><div>This setting is required.</div>'
        in html
    )
    assert "Enter a link that starts with / or https://." in html
    assert "Not saved" in html and 'id="editor-preview"' not in html  # the preview keeps the last good draft
    assert _draft(market_alpha) == before

    # Without JavaScript: the page again, status 400, errors in place and what was typed kept.
    plain = owner.post("/dashboard/storefront/sections/0/", _hero_post("", "", **{"s0-subtitle__en": "Typed text"}))
    page = plain.content.decode()
    assert plain.status_code == 400 and "This setting is required." in page and ">Typed text</textarea>" in page


def test_number_settings_are_validated_by_the_schema(owner):
    owner.get("/dashboard/storefront/")
    html = owner.post("/dashboard/storefront/sections/1/", {"s1-limit": "500"}, **HTMX).content.decode()
    assert "Enter a whole number between 2 and 24." in html
    html = owner.post("/dashboard/storefront/sections/1/", {"s1-limit": "many"}, **HTMX).content.decode()
    assert "Enter a whole number between 2 and 24." in html


def test_add_move_remove_sections(owner, market_alpha):
    html = owner.post("/dashboard/storefront/sections/add/", {"type": "rich_text"}, **HTMX).content.decode()
    assert "Section added to your draft." in html and html.lstrip().startswith('<div id="editor-panels"')
    kinds = [s["type"] for s in _draft(market_alpha)["sections"]]
    assert kinds[-1] == "rich_text"
    last = len(kinds) - 1

    owner.post(f"/dashboard/storefront/sections/{last}/move/", {"direction": "up"}, **HTMX)
    assert [s["type"] for s in _draft(market_alpha)["sections"]][last - 1] == "rich_text"

    owner.post(f"/dashboard/storefront/sections/{last - 1}/remove/", **HTMX)
    assert "rich_text" not in [s["type"] for s in _draft(market_alpha)["sections"]]

    # Plain form posts work too.
    response = owner.post("/dashboard/storefront/sections/0/move/", {"direction": "up"}, follow=True)
    assert (
        "That section can&#x27;t move further." in response.content.decode()
        or "can't move further" in response.content.decode()
    )


def test_a_section_that_needs_an_image_asks_for_one(owner):
    html = owner.post("/dashboard/storefront/sections/add/", {"type": "banner"}, **HTMX).content.decode()
    assert "Upload an image first" in html


def test_image_upload_then_banner(owner, market_alpha):
    html = owner.post("/dashboard/storefront/images/", {"image": _png(), "alt": "Shelf"}, **HTMX).content.decode()
    assert "Image uploaded." in html
    with tenant_context(market_alpha):
        assert ThemeAsset.objects.filter(alt="Shelf").exists()
    html = owner.post("/dashboard/storefront/sections/add/", {"type": "banner"}, **HTMX).content.decode()
    assert "Section added to your draft." in html


def test_bad_image_upload_is_refused(owner, market_alpha):
    fake = SimpleUploadedFile("photo.png", b"not an image at all", content_type="image/png")
    html = owner.post("/dashboard/storefront/images/", {"image": fake}, **HTMX).content.decode()
    assert "This file is not an image we can read." in html
    with tenant_context(market_alpha):
        assert not ThemeAsset.objects.exists()


def test_look_colours_and_announcement(owner, market_alpha):
    bad = owner.post(
        "/dashboard/storefront/look/", {"look-primary": "red", "look-announcement_link": "ftp://x"}, **HTMX
    )
    html = bad.content.decode()
    assert "Enter a colour like #1a2b3c." in html and "Enter a link that starts with / or https://." in html
    good = {"look-primary": "#123456", "look-announcement_enabled": "on", "look-announcement_text__en": "Free delivery"}
    assert "Draft saved" in owner.post("/dashboard/storefront/look/", good, **HTMX).content.decode()
    draft = _draft(market_alpha)
    assert draft["colors"] == {"primary": "#123456"}
    assert draft["announcement"]["enabled"] is True
    preview = english(owner).get("/dashboard/storefront/preview/").content.decode()
    assert "--store-primary:#123456" in preview and "Free delivery" in preview


def test_theme_choice_is_a_draft_until_published(owner, market_alpha):
    html = owner.post("/dashboard/storefront/theme/", {"theme": "minimal"}, **HTMX).content.decode()
    assert "is in your draft" in html
    market_alpha.refresh_from_db()
    assert market_alpha.theme == "classic"
    assert "theme-minimal" in owner.get("/dashboard/storefront/preview/").content.decode()
    owner.post("/dashboard/storefront/publish/", **HTMX)
    market_alpha.refresh_from_db()
    assert market_alpha.theme == "minimal"
    assert 'data-testid="draft-state">Published<' in owner.get("/dashboard/storefront/").content.decode()


def test_discard_draft(owner, market_alpha):
    owner.post("/dashboard/storefront/sections/0/", _hero_post("", "Forget me"), **HTMX)
    owner.post("/dashboard/storefront/theme/", {"theme": "bazaar"}, **HTMX)
    response = owner.post("/dashboard/storefront/discard/", follow=True)
    html = response.content.decode()
    assert "Draft discarded" in html and "Forget me" not in html
    assert 'data-testid="draft-state">Published<' in html


def test_unknown_theme_and_section_type_are_refused(owner):
    assert (
        "Choose one of the themes."
        in owner.post("/dashboard/storefront/theme/", {"theme": "x"}, **HTMX).content.decode()
    )
    assert (
        "Choose the kind of section"
        in owner.post("/dashboard/storefront/sections/add/", {"type": "x"}, **HTMX).content.decode()
    )


@pytest.mark.parametrize(
    ("role", "mobile", "expected"),
    [("manager", "+989130000031", 200), ("editor", "+989130000032", 200), ("support", "+989130000033", 403),
     (None, "+989130000034", 403)],
)  # fmt: skip
def test_who_may_edit_the_storefront(market_alpha, role, mobile, expected):
    client = member_client(market_alpha, role, mobile)
    assert client.get("/dashboard/storefront/").status_code == expected
    assert client.get("/dashboard/storefront/", **HTMX, HTTP_HX_TARGET="editor-panels").status_code == expected
    assert client.get("/dashboard/storefront/preview/").status_code == expected
    response = client.post("/dashboard/storefront/sections/0/", _hero_post("", "By someone"), **HTMX)
    assert response.status_code == expected
    assert client.post("/dashboard/storefront/publish/", **HTMX).status_code == expected


def test_another_markets_owner_cannot_open_the_preview(market_alpha, market_beta):
    from django.test import Client

    from asoud.accounts.models import User

    beta_owner = Client(HTTP_HOST="alpha.localhost")
    beta_owner.force_login(User.objects.get(mobile="+989130000002"))
    assert beta_owner.get("/dashboard/storefront/preview/").status_code == 403
