"""The theme document (colours, logo, announcement bar, home-page sections) and its validation.

A theme document is JSON stored in ThemeSettings.draft/published:

    {"colors": {"primary": "#0f766e", ...},
     "logo": 3,                                   # a ThemeAsset id, or null
     "announcement": {"enabled": true, "text": {"fa": "…", "en": "…"}, "link": "/c/tea/"},
     "sections": [{"type": "hero", "settings": {"title": "…", "image": 4}}, ...]}

Each section type has a schema: a mapping of setting name → Field. Texts the owner writes may be
one string or one per language ({"fa": …, "en": …}). Validation returns a cleaned copy (HTML
sanitised, defaults filled in) or raises ValidationError with one translated message per bad field,
keyed by its path (`sections[2].settings.limit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from asoud.core.text import sanitise_html

from .models import ThemeAsset

MAX_SECTIONS = 20
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SLUG = re.compile(r"^[-\w]{1,140}$", re.UNICODE)
_LINK = re.compile(r"^(/(?!/)|https?://)[^\s\"'<>]*$")


@dataclass(frozen=True)
class Field:
    kind: str  # text, local_text, html, int, bool, choice, link, colour, asset, slug, slug_list
    required: bool = False
    max_length: int = 200
    minimum: int = 0
    maximum: int = 0
    choices: tuple[str, ...] = ()
    default: Any = None


def _title(required: bool = False) -> Field:
    return Field("local_text", required=required, max_length=120)


LIMIT = Field("int", minimum=2, maximum=24, default=8)

SECTION_SCHEMAS: dict[str, dict[str, Field]] = {
    "hero": {
        "title": _title(required=True),
        "subtitle": Field("local_text", max_length=300),
        "button_label": Field("local_text", max_length=40),
        "button_link": Field("link"),
        "image": Field("asset"),
        "layout": Field("choice", choices=("split", "overlay", "centered"), default="split"),
    },
    "featured_products": {
        "title": _title(),
        "source": Field("choice", choices=("featured", "discounted", "best_selling", "category"), default="featured"),
        "category": Field("slug"),
        "limit": LIMIT,
    },
    "category_grid": {
        "title": _title(),
        "categories": Field("slug_list", maximum=24),
        "limit": LIMIT,
    },
    "new_arrivals": {"title": _title(), "limit": LIMIT},
    "rich_text": {"title": _title(), "html": Field("html", required=True, max_length=20_000)},
    "image_text": {
        "title": _title(required=True),
        "text": Field("local_text", max_length=1000),
        "image": Field("asset", required=True),
        "image_position": Field("choice", choices=("start", "end"), default="start"),
        "button_label": Field("local_text", max_length=40),
        "button_link": Field("link"),
    },
    "banner": {
        "image": Field("asset", required=True),
        "alt": Field("local_text", max_length=200),
        "link": Field("link"),
    },
}

COLOUR_NAMES = ("primary", "accent", "background", "surface", "text")
TOP_LEVEL = {
    "colors": None,
    "logo": Field("asset"),
    "announcement": {
        "enabled": Field("bool", default=False),
        "text": Field("local_text", max_length=200),
        "link": Field("link"),
    },
    "sections": None,
}


class _Errors(dict):
    def add(self, path: str, message: str) -> None:
        self.setdefault(path, []).append(message)


def theme_document_validate(document: Any) -> dict:
    """A cleaned copy of a theme document, or ValidationError({path: [messages]})."""
    errors = _Errors()
    assets: dict[str, int] = {}
    if not isinstance(document, dict):
        raise ValidationError({NON_FIELD_ERRORS: [_("The theme settings must be an object.")]})
    unknown = set(document) - set(TOP_LEVEL)
    for key in sorted(unknown):
        errors.add(key, _("Unknown setting."))
    cleaned = {
        "colors": _colors_clean(document.get("colors") or {}, errors),
        "logo": _field_clean(TOP_LEVEL["logo"], document.get("logo"), "logo", errors, assets),
        "announcement": _settings_clean(
            TOP_LEVEL["announcement"], document.get("announcement") or {}, "announcement", errors, assets
        ),
        "sections": _sections_clean(document.get("sections") or [], errors, assets),
    }
    _assets_check(assets, errors)
    if errors:
        raise ValidationError(dict(errors))
    return cleaned


def _colors_clean(colors: Any, errors: _Errors) -> dict:
    if not isinstance(colors, dict):
        errors.add("colors", _("The colours must be an object."))
        return {}
    cleaned = {}
    for name, value in colors.items():
        path = f"colors.{name}"
        if name not in COLOUR_NAMES:
            errors.add(path, _("Unknown setting."))
        elif not isinstance(value, str) or not _COLOUR.match(value):
            errors.add(path, _("Enter a colour like #1a2b3c."))
        else:
            cleaned[name] = value.lower()
    return cleaned


def _sections_clean(sections: Any, errors: _Errors, assets: dict) -> list:
    if not isinstance(sections, list):
        errors.add("sections", _("The sections must be a list."))
        return []
    if len(sections) > MAX_SECTIONS:
        errors.add("sections", _("A home page can have at most %(max)s sections.") % {"max": MAX_SECTIONS})
    cleaned = []
    for index, section in enumerate(sections[:MAX_SECTIONS]):
        path = f"sections[{index}]"
        if not isinstance(section, dict):
            errors.add(path, _("Each section must be an object."))
            continue
        kind = section.get("type")
        schema = SECTION_SCHEMAS.get(kind)
        if schema is None:
            errors.add(f"{path}.type", _("Unknown section type “%(type)s”.") % {"type": kind})
            continue
        for key in sorted(set(section) - {"type", "settings"}):
            errors.add(f"{path}.{key}", _("Unknown setting."))
        values = _settings_clean(schema, section.get("settings") or {}, f"{path}.settings", errors, assets)
        cleaned.append({"type": kind, "settings": values})
    return cleaned


def _settings_clean(schema: dict[str, Field], values: Any, path: str, errors: _Errors, assets: dict) -> dict:
    if not isinstance(values, dict):
        errors.add(path, _("The settings must be an object."))
        return {}
    for key in sorted(set(values) - set(schema)):
        errors.add(f"{path}.{key}", _("Unknown setting."))
    return {
        name: _field_clean(field, values.get(name), f"{path}.{name}", errors, assets) for name, field in schema.items()
    }


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _field_clean(field: Field, value: Any, path: str, errors: _Errors, assets: dict) -> Any:
    if _is_empty(value):
        if field.required:
            errors.add(path, _("This setting is required."))
        return field.default
    try:
        cleaned = _CLEANERS[field.kind](field, value)
    except ValueError as error:
        errors.add(path, str(error))
        return field.default
    if field.kind == "asset":
        assets[path] = cleaned
    return cleaned


def _text(field: Field, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("Enter text."))
    value = value.strip()
    if len(value) > field.max_length:
        raise ValueError(_("Enter at most %(max)s characters.") % {"max": field.max_length})
    return value


def _local_text(field: Field, value: Any) -> str | dict:
    """One text for every language, or {"fa": …, "en": …}."""
    if isinstance(value, dict):
        languages = {code for code, _name in settings.LANGUAGES}
        unknown = set(value) - languages
        if unknown:
            raise ValueError(
                _("Texts can be given for these languages only: %(languages)s.")
                % {"languages": ", ".join(sorted(languages))}
            )
        cleaned = {code: _text(field, text) for code, text in value.items() if text}
        if not cleaned:
            raise ValueError(_("Enter text."))
        return cleaned
    return _text(field, value)


def _html(field: Field, value: Any) -> str | dict:
    cleaned = _local_text(field, value)
    if isinstance(cleaned, dict):
        return {code: sanitise_html(text) for code, text in cleaned.items()}
    return sanitise_html(cleaned)


def _int(field: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not field.minimum <= value <= field.maximum:
        raise ValueError(
            _("Enter a whole number between %(min)s and %(max)s.") % {"min": field.minimum, "max": field.maximum}
        )
    return value


def _bool(field: Field, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("Choose yes or no."))
    return value


def _choice(field: Field, value: Any) -> str:
    if value not in field.choices:
        raise ValueError(_("Choose one of: %(choices)s.") % {"choices": ", ".join(field.choices)})
    return value


def _link(field: Field, value: Any) -> str:
    if not isinstance(value, str) or len(value) > 300 or not _LINK.match(value.strip()):
        raise ValueError(_("Enter a link that starts with / or https://."))
    return value.strip()


def _colour(field: Field, value: Any) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise ValueError(_("Enter a colour like #1a2b3c."))
    return value.lower()


def _asset(field: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(_("Choose an uploaded image."))
    return value


def _slug(field: Field, value: Any) -> str:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise ValueError(_("Enter a valid address (letters, digits and hyphens)."))
    return value


def _slug_list(field: Field, value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > field.maximum:
        raise ValueError(_("Choose at most %(max)s categories.") % {"max": field.maximum})
    return [_slug(field, item) for item in value]


_CLEANERS = {
    "text": _text,
    "local_text": _local_text,
    "html": _html,
    "int": _int,
    "bool": _bool,
    "choice": _choice,
    "link": _link,
    "colour": _colour,
    "asset": _asset,
    "slug": _slug,
    "slug_list": _slug_list,
}


def _assets_check(assets: dict[str, int], errors: _Errors) -> None:
    if not assets:
        return

    existing = set(ThemeAsset.objects.filter(pk__in=set(assets.values())).values_list("pk", flat=True))
    for path, asset_id in assets.items():
        if asset_id not in existing:
            errors.add(path, _("Choose an uploaded image."))
