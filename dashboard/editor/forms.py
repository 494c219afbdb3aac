"""The editor's form fields, generated from the theme's section schema: labels, parsing, error paths."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from storefront.themes.schema import TOP_LEVEL, Field

TABS = [("theme", gettext_lazy("Theme")), ("look", gettext_lazy("Look")), ("sections", gettext_lazy("Home page"))]
SECTION_LABELS = {
    "hero": gettext_lazy("Hero banner"),
    "featured_products": gettext_lazy("Featured products"),
    "category_grid": gettext_lazy("Category grid"),
    "new_arrivals": gettext_lazy("New arrivals"),
    "rich_text": gettext_lazy("Rich text"),
    "image_text": gettext_lazy("Image with text"),
    "banner": gettext_lazy("Banner"),
}
FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "subtitle": gettext_lazy("Subtitle"),
    "button_label": gettext_lazy("Button text"),
    "button_link": gettext_lazy("Button link"),
    "image": gettext_lazy("Image"),
    "layout": gettext_lazy("Layout"),
    "source": gettext_lazy("Products to show"),
    "category": gettext_lazy("Category"),
    "limit": gettext_lazy("How many"),
    "categories": gettext_lazy("Categories (none chosen: the main ones)"),
    "html": gettext_lazy("Text"),
    "text": gettext_lazy("Text"),
    "image_position": gettext_lazy("Image position"),
    "alt": gettext_lazy("Image description"),
    "link": gettext_lazy("Link"),
    "primary": gettext_lazy("Main colour"),
    "accent": gettext_lazy("Accent colour"),
    "background": gettext_lazy("Page background"),
    "surface": gettext_lazy("Cards and panels"),
    "logo": gettext_lazy("Logo"),
    "announcement_enabled": gettext_lazy("Show an announcement bar above the shop"),
    "announcement_text": gettext_lazy("Announcement"),
    "announcement_link": gettext_lazy("Announcement link"),
}
FIELD_LABELS["text_colour"] = gettext_lazy("Text colour")
CHOICE_LABELS = {
    "split": gettext_lazy("Side by side"),
    "overlay": gettext_lazy("Text over the image"),
    "centered": gettext_lazy("Centred"),
    "featured": gettext_lazy("Featured products"),
    "discounted": gettext_lazy("On sale"),
    "best_selling": gettext_lazy("Best sellers"),
    "category": gettext_lazy("From one category"),
    "start": gettext_lazy("Before the text"),
    "end": gettext_lazy("After the text"),
}
LOOK_PREFIX = "look"
ANNOUNCEMENT = TOP_LEVEL["announcement"]


# --- Form fields generated from the section schema ----------------------------------------------


def _languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in django_settings.LANGUAGES]


def field_parse(field: Field, data, name: str):
    """The value the schema expects, from a posted form; anything odd is passed on for the schema to refuse."""
    if field.kind in ("local_text", "html"):
        texts = {code: data.get(f"{name}__{code}", "").strip() for code, _label in _languages()}
        texts = {code: text for code, text in texts.items() if text}
        return texts or None
    if field.kind == "bool":
        return data.get(name) in ("on", "true", "1")
    if field.kind == "slug_list":
        return [slug for slug in data.getlist(name) if slug]
    raw = data.get(name, "").strip()
    if raw == "":
        return None
    if field.kind in ("int", "asset"):
        try:
            return int(raw)
        except ValueError:
            return raw
    return raw


def field_spec(field: Field, name: str, value, *, prefix: str, errors: list, context: dict, label=None) -> dict:
    """What the template needs to draw one input (see editor.html#editor-field)."""
    spec = {
        "name": f"{prefix}-{name}",
        "id": f"id-{prefix}-{name}",
        "kind": field.kind,
        "label": label or FIELD_LABELS.get(name, name),
        "required": field.required,
        "errors": errors,
        "value": "" if value is None else value,
        "minimum": field.minimum,
        "maximum": field.maximum,
        "max_length": field.max_length,
    }
    if field.kind in ("local_text", "html"):
        texts = value if isinstance(value, dict) else ({"fa": value} if value else {})
        spec["texts"] = [
            {"code": code, "label": label_, "name": f"{prefix}-{name}__{code}", "value": texts.get(code, "")}
            for code, label_ in _languages()
        ]
        spec["multiline"] = field.kind == "html" or field.max_length > 200
    elif field.kind == "choice":
        spec["choices"] = [(choice, CHOICE_LABELS.get(choice, choice)) for choice in field.choices]
    elif field.kind in ("slug", "slug_list"):
        chosen = value if isinstance(value, list) else [value]
        spec["choices"] = [(category.slug, category.name) for category in context["categories"]]
        spec["chosen"] = [str(slug) for slug in chosen if slug]
    elif field.kind == "asset":
        spec["assets"] = context["assets"]
    return spec


def errors_by_path(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
