"""Writes (and the editor's reads) of a market's theme, by subject: the theme document, assets and
contacts (document.py); the storefront editor's draft, preview and publish (editor.py)."""

from .document import (
    store_contact_save,
    theme_asset_add,
    theme_document_publish,
    theme_draft_save,
    theme_publish,
)
from .editor import (
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

__all__ = [
    "draft_theme_key_get",
    "section_defaults",
    "store_contact_save",
    "store_theme_preview",
    "theme_asset_add",
    "theme_asset_list",
    "theme_choose",
    "theme_document_publish",
    "theme_draft_digest",
    "theme_draft_discard",
    "theme_draft_get",
    "theme_draft_save",
    "theme_editor_publish",
    "theme_has_unpublished_changes",
    "theme_publish",
    "theme_settings_get",
]
