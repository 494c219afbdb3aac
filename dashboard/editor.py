"""The storefront editor: theme, colours, logo, announcement bar and home-page sections, with a live
preview of the draft. Nothing reaches the storefront until the owner publishes.

Two kinds of requests:
- Autosave (look and section forms, `hx-trigger="input changed delay:500ms"`): the page's inputs are
  never replaced while someone types. The answer carries only out-of-band swaps: each field's error
  slot, the draft/publish toolbar and, once the draft is saved, the preview frame with a new address.
- Structural changes (theme, add / move / remove a section, image upload, publish, discard) answer
  with the whole editor panel again, plus the toolbar and preview.
Without JavaScript every form posts normally and the page comes back (with errors in place, status
400, when something is invalid).
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from storefront.catalog import seo
from storefront.catalog.http import store_context
from storefront.catalog.sections import sections_prepare
from storefront.themes.registry import THEMES, theme_get
from storefront.themes.schema import COLOUR_NAMES, MAX_SECTIONS, SECTION_SCHEMAS, TOP_LEVEL, Field
from storefront.themes.services import theme_asset_add, theme_draft_save
from storefront.themes.services_dashboard import (
    draft_theme_key_get,
    section_defaults,
    store_theme_preview,
    theme_asset_list,
    theme_choose,
    theme_draft_digest,
    theme_draft_discard,
    theme_draft_get,
    theme_editor_publish,
    theme_has_unpublished_changes,
    theme_settings_get,
)

from .access import dashboard_view

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


def _parse(field: Field, data, name: str):
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


def _field_spec(field: Field, name: str, value, *, prefix: str, errors: list, context: dict, label=None) -> dict:
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


def _errors_by_path(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {"": error.messages}


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
            _field_spec(
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
        _field_spec(
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
            _field_spec(
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
            _field_spec(
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


def _editor_context(
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


def _update_response(request, context: dict, *, main: str = "editor-panels", status: int = 200) -> HttpResponse:
    """The main partial plus the toolbar and the preview, out of band."""
    html = render_to_string(f"dashboard/editor.html#{main}", context, request=request)
    html += render_to_string("dashboard/editor.html#editor-status", {**context, "oob": True}, request=request)
    html += render_to_string("dashboard/editor.html#editor-preview", {**context, "oob": True}, request=request)
    return HttpResponse(html, status=status)


def _page(request, context: dict, *, status: int = 200) -> HttpResponse:
    return render(request, "dashboard/editor.html", context, status=status)


# --- Pages --------------------------------------------------------------------------------------


@dashboard_view("storefront")
@vary_on_headers("HX-Request", "HX-Target")
def editor(request):
    context = _editor_context(request)
    if request.htmx and request.htmx.target == "editor-preview":
        return render(request, "dashboard/editor.html#editor-preview", context)
    if request.htmx:
        return render(request, "dashboard/editor.html#editor-panels", context)
    return _page(request, context)


@xframe_options_sameorigin
@never_cache
@dashboard_view("storefront")
def preview(request):
    """The storefront's home page drawn from the DRAFT (only for this market's storefront editors)."""
    market = request.market
    theme = store_theme_preview(market=market)
    context = {**store_context(request)}
    context.update(theme=theme, version=f"preview-{theme_draft_digest(market=market)}", market=market, is_preview=True)
    sections = sections_prepare(theme.sections, tier=context["tier"], tree=context["category_tree"])
    page_seo = seo.Seo(title=market.name, noindex=True)
    return render(request, "storefront/home.html", {**context, "sections": sections, "seo": page_seo})


# --- Autosaved forms ----------------------------------------------------------------------------


def _autosave(request, *, document: dict, error_paths: list[tuple[str, str]], open_index=None, tab: str):
    """Save the changed document as the draft. `error_paths` pairs each schema path with its field's slot id."""
    try:
        theme_draft_save(document=document)
    except ValidationError as error:
        errors = _errors_by_path(error)
        if not request.htmx:
            context = _editor_context(request, document=document, errors=errors, open_index=open_index, tab=tab)
            return _page(request, context, status=400)
        slots = [(slot, errors.get(path, [])) for path, slot in error_paths]
        unplaced = [m for path, ms in errors.items() if path not in dict(error_paths) for m in ms]
        context = _editor_context(request, tab=tab)
        context.update(slots=slots, saved=False, unplaced=unplaced)
        html = render_to_string("dashboard/editor.html#editor-status", {**context, "oob": True}, request=request)
        html += render_to_string("dashboard/editor.html#editor-feedback", context, request=request)
        return HttpResponse(html)
    if not request.htmx:
        messages.success(request, _("Draft saved. Publish it to show it in your shop."))
        return redirect(f"{reverse('dashboard:storefront')}?tab={tab}")
    context = _editor_context(request, tab=tab, open_index=open_index)
    context.update(slots=[(slot, []) for _path, slot in error_paths], saved=True, unplaced=[])
    if open_index is not None:
        context["section"] = context["sections"][open_index]
    html = render_to_string("dashboard/editor.html#editor-status", {**context, "oob": True}, request=request)
    html += render_to_string("dashboard/editor.html#editor-feedback", context, request=request)
    html += render_to_string("dashboard/editor.html#editor-preview", {**context, "oob": True}, request=request)
    return HttpResponse(html)


@require_POST
@dashboard_view("storefront")
def look_save(request):
    market = request.market
    document = theme_draft_get(market=market)
    theme = theme_get(draft_theme_key_get(market=market))
    data = request.POST
    colours = {}
    for name in COLOUR_NAMES:
        value = data.get(f"{LOOK_PREFIX}-{name}", "").strip()
        if value and value.lower() != theme.colors[name]:
            colours[name] = value
    document["colors"] = colours
    document["logo"] = _parse(TOP_LEVEL["logo"], data, f"{LOOK_PREFIX}-logo")
    document["announcement"] = {
        name: _parse(field, data, f"{LOOK_PREFIX}-announcement_{name}") for name, field in ANNOUNCEMENT.items()
    }
    paths = [(f"colors.{name}", f"err-{LOOK_PREFIX}-{name}") for name in COLOUR_NAMES]
    paths += [("logo", f"err-{LOOK_PREFIX}-logo")]
    paths += [(f"announcement.{name}", f"err-{LOOK_PREFIX}-announcement_{name}") for name in ANNOUNCEMENT]
    return _autosave(request, document=document, error_paths=paths, tab="look")


@require_POST
@dashboard_view("storefront")
def section_save(request, index: int):
    document = theme_draft_get(market=request.market)
    sections = document.get("sections") or []
    if not 0 <= index < len(sections):
        return _gone(request)
    schema = SECTION_SCHEMAS[sections[index]["type"]]
    sections[index]["settings"] = {
        name: _parse(field, request.POST, f"s{index}-{name}") for name, field in schema.items()
    }
    sections[index]["settings"] = {k: v for k, v in sections[index]["settings"].items() if v is not None}
    paths = [(f"sections[{index}].settings.{name}", f"err-s{index}-{name}") for name in schema]
    return _autosave(request, document=document, error_paths=paths, open_index=index, tab="sections")


def _gone(request):
    """The section was moved or removed meanwhile (another tab, a colleague): show the editor as it is now."""
    message = _("That section has changed in the meantime; here is the editor as it is now.")
    if not request.htmx:
        messages.warning(request, message)
        return redirect(f"{reverse('dashboard:storefront')}?tab=sections")
    context = _editor_context(request, tab="sections")
    context["notice"] = message
    response = _update_response(request, context)
    response["HX-Retarget"] = "#editor-panels"
    response["HX-Reswap"] = "outerHTML"
    return response


# --- Structural changes -------------------------------------------------------------------------


def _structural(request, *, tab: str, change, success: str, open_index=None):
    """Apply `change()` (a service call); answer with the whole editor panel (htmx) or a redirect."""
    try:
        result = change()
    except ValidationError as error:
        message = " ".join(m for ms in _errors_by_path(error).values() for m in ms)
        if not request.htmx:
            messages.error(request, message)
            return redirect(f"{reverse('dashboard:storefront')}?tab={tab}")
        context = _editor_context(request, tab=tab)
        context["problem"] = message
        return _update_response(request, context)
    if not request.htmx:
        messages.success(request, success)
        return redirect(f"{reverse('dashboard:storefront')}?tab={tab}")
    if callable(open_index):
        open_index = open_index(result)
    context = _editor_context(request, tab=tab, open_index=open_index)
    context["notice"] = success
    return _update_response(request, context)


@require_POST
@dashboard_view("storefront")
def theme_pick(request):
    key = request.POST.get("theme", "")
    if key not in THEMES:
        return _structural(request, tab="theme", change=_refuse(_("Choose one of the themes.")), success="")
    return _structural(
        request,
        tab="theme",
        change=lambda: theme_choose(market=request.market, key=key),
        success=_("Theme “%(theme)s” is in your draft. Publish to show it in your shop.") % {"theme": THEMES[key].name},
    )


def _refuse(message: str):
    def change():
        raise ValidationError(message)

    return change


def _sections_change(request, mutate):
    """Apply `mutate(sections)` to the draft's sections and save the draft (validated)."""
    document = theme_draft_get(market=request.market)
    sections = document.setdefault("sections", [])
    result = mutate(sections)
    theme_draft_save(document=document)
    return result


@require_POST
@dashboard_view("storefront")
def section_add(request):
    kind = request.POST.get("type", "")
    if kind not in SECTION_SCHEMAS:
        return _structural(request, tab="sections", change=_refuse(_("Choose the kind of section to add.")), success="")

    def add(sections):
        if len(sections) >= MAX_SECTIONS:
            raise ValidationError(_("A home page can have at most %(max)s sections.") % {"max": MAX_SECTIONS})
        sections.append({"type": kind, "settings": section_defaults(kind, market=request.market)})
        return len(sections) - 1

    def change():
        try:
            return _sections_change(request, add)
        except ValidationError as error:
            if any(path.endswith(".image") for path in _errors_by_path(error)):
                raise ValidationError(_("Upload an image first (Look → Images): this section needs one.")) from error
            raise

    return _structural(
        request,
        tab="sections",
        change=change,
        success=_("Section added to your draft."),
        open_index=lambda index: index,
    )


@require_POST
@dashboard_view("storefront")
def section_move(request, index: int):
    step = -1 if request.POST.get("direction") == "up" else 1

    def move(sections):
        target = index + step
        if not (0 <= index < len(sections) and 0 <= target < len(sections)):
            raise ValidationError(_("That section can't move further."))
        sections[index], sections[target] = sections[target], sections[index]

    return _structural(
        request, tab="sections", change=lambda: _sections_change(request, move), success=_("Section moved.")
    )


@require_POST
@dashboard_view("storefront")
def section_remove(request, index: int):
    def remove(sections):
        if not 0 <= index < len(sections):
            raise ValidationError(_("That section has changed in the meantime; here is the editor as it is now."))
        sections.pop(index)

    return _structural(
        request, tab="sections", change=lambda: _sections_change(request, remove), success=_("Section removed.")
    )


@require_POST
@dashboard_view("storefront")
def image_upload(request):
    upload = request.FILES.get("image")
    if upload is None:
        return _structural(request, tab="look", change=_refuse(_("Choose an image to upload.")), success="")
    return _structural(
        request,
        tab="look",
        change=lambda: theme_asset_add(upload=upload, alt=request.POST.get("alt", "")),
        success=_("Image uploaded. Choose it as the logo or in a section."),
    )


@require_POST
@dashboard_view("storefront")
def publish(request):
    tab = request.POST.get("tab", "theme")
    return _structural(
        request,
        tab=tab,
        change=lambda: theme_editor_publish(market=request.market),
        success=_("Published: your shop shows the new look now."),
    )


@require_POST
@dashboard_view("storefront")
def discard(request):
    tab = request.POST.get("tab", "theme")
    return _structural(
        request,
        tab=tab,
        change=lambda: theme_draft_discard(market=request.market),
        success=_("Draft discarded: the editor shows what your shop shows."),
    )
