"""Theme documents are validated per section type, with one clear, translated message per bad field."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from storefront.themes.schema import theme_document_validate


def errors_of(document, language="en") -> dict[str, list[str]]:
    with translation.override(language), pytest.raises(ValidationError) as error:
        theme_document_validate(document)
    return error.value.message_dict


def test_a_good_document_is_cleaned_and_completed():
    cleaned = theme_document_validate(
        {
            "colors": {"primary": "#AA3300"},
            "announcement": {
                "enabled": True,
                "text": {"fa": "ارسال رایگان", "en": "Free delivery"},
                "link": "/products/",
            },
            "sections": [
                {"type": "hero", "settings": {"title": "Welcome"}},
                {"type": "featured_products", "settings": {"source": "discounted", "limit": 4}},
                {
                    "type": "rich_text",
                    "settings": {"html": '<p onclick="x()">Hi <script>alert(1)</script><b>there</b></p>'},
                },
            ],
        }
    )
    assert cleaned["colors"] == {"primary": "#aa3300"}
    hero, featured, rich = cleaned["sections"]
    assert hero["settings"]["layout"] == "split"  # default filled in
    assert featured["settings"] == {"title": None, "source": "discounted", "category": None, "limit": 4}
    assert rich["settings"]["html"] == "<p>Hi <b>there</b></p>"


def test_every_bad_field_gets_its_own_message():
    errors = errors_of(
        {
            "colors": {"primary": "red", "glow": "#ffffff"},
            "sections": [
                {"type": "hero", "settings": {"subtitle": "No title", "layout": "diagonal"}},
                {"type": "featured_products", "settings": {"limit": 500, "source": "featured", "colour": "x"}},
                {"type": "carousel", "settings": {}},
                {
                    "type": "image_text",
                    "settings": {"title": "Story", "image": "hero.jpg", "button_link": "javascript:alert(1)"},
                },
                {"type": "new_arrivals", "settings": {"limit": True}},
            ],
        }
    )
    assert errors == {
        "colors.primary": ["Enter a colour like #1a2b3c."],
        "colors.glow": ["Unknown setting."],
        "sections[0].settings.title": ["This setting is required."],
        "sections[0].settings.layout": ["Choose one of: split, overlay, centered."],
        "sections[1].settings.colour": ["Unknown setting."],
        "sections[1].settings.limit": ["Enter a whole number between 2 and 24."],
        "sections[2].type": ["Unknown section type “carousel”."],
        "sections[3].settings.image": ["Choose an uploaded image."],
        "sections[3].settings.button_link": ["Enter a link that starts with / or https://."],
        "sections[4].settings.limit": ["Enter a whole number between 2 and 24."],
    }


def test_messages_are_translated():
    errors = errors_of({"sections": [{"type": "hero", "settings": {}}]}, language="fa")
    assert errors["sections[0].settings.title"] == ["این تنظیم الزامی است."]


def test_texts_per_language_and_length_limits():
    errors = errors_of(
        {
            "announcement": {"text": {"fa": "x" * 201}},
            "sections": [{"type": "hero", "settings": {"title": {"de": "Hallo"}}}],
        }
    )
    assert errors["announcement.text"] == ["Enter at most 200 characters."]
    assert errors["sections[0].settings.title"] == ["Texts can be given for these languages only: en, fa."]


def test_shapes_are_checked():
    assert errors_of([]) == {"__all__": ["The theme settings must be an object."]}
    assert errors_of({"sections": {"type": "hero"}}) == {"sections": ["The sections must be a list."]}
    assert errors_of({"sections": ["hero"]}) == {"sections[0]": ["Each section must be an object."]}
    too_many = {"sections": [{"type": "new_arrivals", "settings": {}}] * 21}
    assert errors_of(too_many) == {"sections": ["A home page can have at most 20 sections."]}


@pytest.mark.django_db
def test_images_must_be_uploaded_theme_assets(in_alpha):
    from storefront.catalog.tests.factories import image_upload
    from storefront.themes.services import theme_asset_add

    with in_alpha():
        asset = theme_asset_add(upload=image_upload(1600, 900))
        cleaned = theme_document_validate(
            {"logo": asset.pk, "sections": [{"type": "banner", "settings": {"image": asset.pk}}]}
        )
        assert cleaned["logo"] == asset.pk
        errors = errors_of({"sections": [{"type": "banner", "settings": {"image": asset.pk + 1000}}]})
    assert errors == {"sections[0].settings.image": ["Choose an uploaded image."]}
