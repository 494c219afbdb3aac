"""The storefront editor's writes and reads over the theme document (draft → publish).

Everything the owner changes lands in `ThemeSettings.draft` through `theme_draft_save` (validated by
schema.py); the storefront keeps showing `published` until `theme_editor_publish`.

The chosen theme (classic, bazaar, minimal) is a field of the public `Market` row, not part of the
theme document, so an unpublished choice is kept per market in the shared cache (no expiry) and
written to the market only on publish. If that cache entry is lost, only the unpublished choice of
theme is: the editor falls back to the published theme.
"""

from __future__ import annotations

import copy
import hashlib
import json

from django.core.cache import cache
from django.db import transaction

from ..models import ThemeAsset, ThemeSettings
from ..profile import market_profile_update
from ..registry import THEMES, theme_get
from ..schema import SECTION_SCHEMAS, Field
from ..selectors import StoreTheme, _default_document, store_theme_from
from .document import theme_draft_save, theme_publish

_DRAFT_THEME_KEY = "dashboard:theme-editor:draft-theme"  # the cache adds the market's schema


def theme_settings_get() -> ThemeSettings | None:
    return ThemeSettings.objects.filter(id=ThemeSettings.SINGLETON_ID).first()


def theme_draft_get(*, market, settings: ThemeSettings | None = None) -> dict:
    """The document the editor works on: the draft, else what is published, else the theme's defaults."""
    settings = settings if settings is not None else theme_settings_get()
    if settings is not None and settings.draft:
        return copy.deepcopy(settings.draft)
    if settings is not None and settings.published:
        return copy.deepcopy(settings.published)
    return _default_document(theme_get(draft_theme_key_get(market=market)), market)


def draft_theme_key_get(*, market) -> str:
    key = cache.get(_DRAFT_THEME_KEY)
    return key if key in THEMES else theme_get(market.theme).key


def theme_has_unpublished_changes(*, market, settings: ThemeSettings | None = None) -> bool:
    settings = settings if settings is not None else theme_settings_get()
    draft_changed = settings is not None and bool(settings.draft) and settings.draft != settings.published
    return draft_changed or draft_theme_key_get(market=market) != theme_get(market.theme).key


def theme_choose(*, market, key: str) -> ThemeSettings:
    """Try another built-in theme in the draft. Its own colours apply: custom colours are cleared."""
    if key not in THEMES:
        raise ValueError(f"unknown theme {key!r}")
    document = theme_draft_get(market=market)
    document["colors"] = {}
    settings = theme_draft_save(document=document)
    cache.set(_DRAFT_THEME_KEY, key, timeout=None)
    return settings


def theme_draft_discard(*, market) -> None:
    """Forget every unpublished change: the draft becomes what the storefront shows."""
    ThemeSettings.objects.filter(id=ThemeSettings.SINGLETON_ID).update(draft={})
    cache.delete(_DRAFT_THEME_KEY)


@transaction.atomic
def theme_editor_publish(*, market) -> ThemeSettings:
    """Show the draft (and the chosen theme) on the storefront."""
    key = draft_theme_key_get(market=market)
    theme_draft_save(document=theme_draft_get(market=market))
    settings = theme_publish()
    if key != market.theme:
        market_profile_update(market=market, theme=key)
    transaction.on_commit(lambda: cache.delete(_DRAFT_THEME_KEY))
    return settings


def theme_draft_digest(*, market, settings: ThemeSettings | None = None) -> str:
    """Changes whenever the draft does: the preview's address carries it, so the frame reloads."""
    payload = json.dumps(
        [draft_theme_key_get(market=market), theme_draft_get(market=market, settings=settings)], sort_keys=True
    )
    return hashlib.blake2s(payload.encode(), digest_size=8).hexdigest()


def store_theme_preview(*, market) -> StoreTheme:
    """The storefront's look as it will be once the draft is published (for the editor's preview)."""
    theme = theme_get(draft_theme_key_get(market=market))
    document = theme_draft_get(market=market)
    return store_theme_from(theme, document)


def section_defaults(kind: str, *, market) -> dict:
    """Settings a new section starts with: valid at once wherever that is possible."""
    schema: dict[str, Field] = SECTION_SCHEMAS[kind]
    values = {name: copy.deepcopy(field.default) for name, field in schema.items() if field.default is not None}
    if "title" in schema and schema["title"].required:
        values["title"] = market.name
    if kind == "rich_text":
        values["html"] = {"fa": "<p>درباره‌ی فروشگاه خود بنویسید.</p>", "en": "<p>Write about your shop.</p>"}
    if any(field.kind == "asset" and field.required for field in schema.values()):
        latest = ThemeAsset.objects.order_by("-created_at").values_list("pk", flat=True).first()
        if latest is not None:
            values["image"] = latest
    return values


def theme_asset_list() -> list[ThemeAsset]:
    return list(ThemeAsset.objects.order_by("-created_at")[:60])
