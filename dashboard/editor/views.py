"""The editor's pages and its requests: autosaved forms and structural changes (see the package docstring)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from storefront.catalog import seo
from storefront.catalog.http import store_context
from storefront.catalog.sections import sections_prepare
from storefront.themes.registry import THEMES, theme_get
from storefront.themes.schema import COLOUR_NAMES, MAX_SECTIONS, SECTION_SCHEMAS, TOP_LEVEL
from storefront.themes.services import (
    draft_theme_key_get,
    section_defaults,
    store_theme_preview,
    theme_asset_add,
    theme_choose,
    theme_draft_digest,
    theme_draft_discard,
    theme_draft_get,
    theme_draft_save,
    theme_editor_publish,
)

from ..access import dashboard_view
from .forms import ANNOUNCEMENT, LOOK_PREFIX, errors_by_path, field_parse
from .state import editor_context, editor_page, editor_update_response

# --- Pages --------------------------------------------------------------------------------------


@dashboard_view("storefront")
@vary_on_headers("HX-Request", "HX-Target")
def editor(request):
    context = editor_context(request)
    if request.htmx and request.htmx.target == "editor-preview":
        return render(request, "dashboard/editor.html#editor-preview", context)
    if request.htmx:
        return render(request, "dashboard/editor.html#editor-panels", context)
    return editor_page(request, context)


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
        errors = errors_by_path(error)
        if not request.htmx:
            context = editor_context(request, document=document, errors=errors, open_index=open_index, tab=tab)
            return editor_page(request, context, status=400)
        slots = [(slot, errors.get(path, [])) for path, slot in error_paths]
        unplaced = [m for path, ms in errors.items() if path not in dict(error_paths) for m in ms]
        context = editor_context(request, tab=tab)
        context.update(slots=slots, saved=False, unplaced=unplaced)
        html = render_to_string("dashboard/editor.html#editor-status", {**context, "oob": True}, request=request)
        html += render_to_string("dashboard/editor.html#editor-feedback", context, request=request)
        return HttpResponse(html)
    if not request.htmx:
        messages.success(request, _("Draft saved. Publish it to show it in your shop."))
        return redirect(f"{reverse('dashboard:storefront')}?tab={tab}")
    context = editor_context(request, tab=tab, open_index=open_index)
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
    document["logo"] = field_parse(TOP_LEVEL["logo"], data, f"{LOOK_PREFIX}-logo")
    document["announcement"] = {
        name: field_parse(field, data, f"{LOOK_PREFIX}-announcement_{name}") for name, field in ANNOUNCEMENT.items()
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
        name: field_parse(field, request.POST, f"s{index}-{name}") for name, field in schema.items()
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
    context = editor_context(request, tab="sections")
    context["notice"] = message
    response = editor_update_response(request, context)
    response["HX-Retarget"] = "#editor-panels"
    response["HX-Reswap"] = "outerHTML"
    return response


# --- Structural changes -------------------------------------------------------------------------


def _structural(request, *, tab: str, change, success: str, open_index=None):
    """Apply `change()` (a service call); answer with the whole editor panel (htmx) or a redirect."""
    try:
        result = change()
    except ValidationError as error:
        message = " ".join(m for ms in errors_by_path(error).values() for m in ms)
        if not request.htmx:
            messages.error(request, message)
            return redirect(f"{reverse('dashboard:storefront')}?tab={tab}")
        context = editor_context(request, tab=tab)
        context["problem"] = message
        return editor_update_response(request, context)
    if not request.htmx:
        messages.success(request, success)
        return redirect(f"{reverse('dashboard:storefront')}?tab={tab}")
    if callable(open_index):
        open_index = open_index(result)
    context = editor_context(request, tab=tab, open_index=open_index)
    context["notice"] = success
    return editor_update_response(request, context)


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
            if any(path.endswith(".image") for path in errors_by_path(error)):
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
