"""The editor's state: the look and section panels built from the draft, and the responses that show them."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from storefront.catalog.http import store_context
from storefront.themes.registry import THEMES, theme_get
from storefront.themes.schema import COLOUR_NAMES, MAX_SECTIONS, SECTION_SCHEMAS, TOP_LEVEL, Field
from storefront.themes.services import (
    draft_theme_key_get,
    theme_asset_list,
    theme_draft_digest,
    theme_draft_get,
    theme_has_unpublished_changes,
    theme_settings_get,
)

from .forms import ANNOUNCEMENT, FIELD_LABELS, LOOK_PREFIX, SECTION_LABELS, TABS, field_spec

# --- The editor's state -------------------------------------------------------------------------


def _categories(request) -> list:
    return list(store_context(request)["category_tree"].by_slug.values())


def _look_fields(document: dict, theme, errors: dict, context: dict) -> list[dict]:
    colour = Field("colour")
    fields = []
    for name in COLOUR_NAMES:
        value = (document.get("colors") or {}).get(name) or theme.colors[name]
        label = FIELD_LABELS["text_colour"] if name == "text" else None
        fields.append(
            field_spec(
                colour,
                name,
                value,
                prefix=LOOK_PREFIX,
                errors=errors.get(f"colors.{name}", []),
                context=context,
                label=label,
            )
        )
    fields.append(
        field_spec(
            TOP_LEVEL["logo"],
            "logo",
            document.get("logo"),
            prefix=LOOK_PREFIX,
            errors=errors.get("logo", []),
            context=context,
        )
    )
    announcement = document.get("announcement") or {}
    for name, field in ANNOUNCEMENT.items():
        fields.append(
            field_spec(
                field, f"announcement_{name}", announcement.get(name), prefix=LOOK_PREFIX,
                errors=errors.get(f"announcement.{name}", []), context=context,
            )
        )  # fmt: skip
    return fields


def _section_summary(section: dict) -> str:
    title = (section.get("settings") or {}).get("title")
    if isinstance(title, dict):
        title = title.get("fa") or title.get("en") or next(iter(title.values()), "")
    return title or ""


def _sections_ui(document: dict, errors: dict, context: dict, open_index: int | None) -> list[dict]:
    sections = []
    for index, section in enumerate(document.get("sections") or []):
        schema = SECTION_SCHEMAS.get(section.get("type"), {})
        values = section.get("settings") or {}
        path = f"sections[{index}].settings"
        fields = [
            field_spec(
                field,
                name,
                values.get(name),
                prefix=f"s{index}",
                errors=errors.get(f"{path}.{name}", []),
                context=context,
            )
            for name, field in schema.items()
        ]
        own_errors = [m for key, ms in errors.items() if key.startswith(f"sections[{index}]") for m in ms]
        sections.append(
            {
                "index": index,
                "type": section.get("type"),
                "label": SECTION_LABELS.get(section.get("type"), section.get("type")),
                "summary": _section_summary(section),
                "fields": fields,
                "has_errors": bool(own_errors),
                "open": index == open_index or bool(own_errors),
                "first": index == 0,
                "last": index == len(document["sections"]) - 1,
            }
        )
    return sections


def editor_context(
    request, *, document: dict | None = None, errors: dict | None = None, open_index=None, tab=None
) -> dict:
    market = request.market
    settings = theme_settings_get()
    saved = theme_draft_get(market=market, settings=settings)
    document = document if document is not None else saved
    errors = errors or {}
    draft_key = draft_theme_key_get(market=market)
    theme = theme_get(draft_key)
    shared = {"assets": theme_asset_list(), "categories": _categories(request)}
    digest = theme_draft_digest(market=market, settings=settings)
    tab = tab if tab in dict(TABS) else request.GET.get("tab") or request.POST.get("tab")
    return {
        "market": market,
        "tab": tab if tab in dict(TABS) else "theme",
        "tabs": TABS,
        "themes": [
            {"key": key, "name": t.name, "colors": t.colors, "active": key == draft_key} for key, t in THEMES.items()
        ],
        "published_theme": theme_get(market.theme).key,
        "look_fields": _look_fields(document, theme, errors, shared),
        "sections": _sections_ui(document, errors, shared, open_index),
        "section_types": [(kind, SECTION_LABELS[kind]) for kind in SECTION_SCHEMAS],
        "can_add_section": len(document.get("sections") or []) < MAX_SECTIONS,
        "assets": shared["assets"],
        "has_changes": theme_has_unpublished_changes(market=market, settings=settings),
        "published_at": settings.published_at if settings else None,
        "preview_url": f"{reverse('dashboard:storefront_preview')}?v={digest}",
        "general_errors": [
            m for key, ms in errors.items() if not key.startswith("sections[") for m in ms if key in ("", "sections")
        ],
    }


def editor_update_response(request, context: dict, *, main: str = "editor-panels", status: int = 200) -> HttpResponse:
    """The main partial plus the toolbar and the preview, out of band."""
    html = render_to_string(f"dashboard/editor.html#{main}", context, request=request)
    html += render_to_string("dashboard/editor.html#editor-status", {**context, "oob": True}, request=request)
    html += render_to_string("dashboard/editor.html#editor-preview", {**context, "oob": True}, request=request)
    return HttpResponse(html, status=status)


def editor_page(request, context: dict, *, status: int = 200) -> HttpResponse:
    return render(request, "dashboard/editor.html", context, status=status)
