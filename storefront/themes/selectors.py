"""The market's look as pages use it: the published theme resolved (assets loaded, defaults merged)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from storefront.catalog.cache import versioned

from .models import StoreContact, ThemeAsset, ThemeSettings
from .registry import Theme, theme_get


@dataclass
class Section:
    type: str
    settings: dict
    templates: list[str]
    index: int


@dataclass
class StoreTheme:
    theme: Theme
    colors: dict[str, str]
    logo: ThemeAsset | None
    announcement: dict | None
    contact: StoreContact
    sections: list[Section] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.theme.key

    @property
    def base_template(self) -> str:
        return self.theme.base_template

    @property
    def stylesheet(self) -> str:
        return self.theme.stylesheet

    def templates(self, name: str) -> list[str]:
        return self.theme.templates(name)

    @property
    def components(self):
        return self.theme.components


def store_theme_get(*, market, version: str) -> StoreTheme:
    """The published look (or the theme's defaults), cached per storefront version."""
    return versioned(f"theme:{market.theme}", version, lambda: _store_theme_build(market))


def _store_theme_build(market) -> StoreTheme:
    theme = theme_get(market.theme)
    settings = ThemeSettings.objects.filter(id=ThemeSettings.SINGLETON_ID).first()
    document = settings.published if settings and settings.published else _default_document(theme, market)
    return store_theme_from(theme, document)


def store_theme_from(theme: Theme, document: dict) -> StoreTheme:
    """The theme as the storefront renders it from a theme document (published or a draft)."""
    ids = _asset_ids(document)
    assets = ThemeAsset.objects.in_bulk(ids) if ids else {}
    sections = []
    for index, section in enumerate(document.get("sections", [])):
        values = dict(section.get("settings") or {})
        for name, value in values.items():
            if name in ("image", "logo") and isinstance(value, int):
                values[name] = assets.get(value)
        sections.append(
            Section(
                type=section["type"],
                settings=values,
                templates=theme.templates(f"sections/{section['type']}.html"),
                index=index,
            )
        )
    announcement = document.get("announcement") or {}
    logo = document.get("logo")
    return StoreTheme(
        theme=theme,
        colors={**theme.colors, **(document.get("colors") or {})},
        logo=assets.get(logo) if logo else None,
        announcement=announcement if announcement.get("enabled") and announcement.get("text") else None,
        contact=store_contact_get(),
        sections=sections,
    )


def _default_document(theme: Theme, market) -> dict:
    sections = copy.deepcopy(theme.sections)
    for section in sections:
        if section["type"] == "hero" and not section["settings"].get("title"):
            section["settings"]["title"] = market.name
            section["settings"]["subtitle"] = market.description
    return {"colors": {}, "logo": None, "announcement": {}, "sections": sections}


def _asset_ids(document: dict) -> set[int]:
    ids = {document.get("logo")} if document.get("logo") else set()
    for section in document.get("sections", []):
        ids |= {v for k, v in section["settings"].items() if k in ("image", "logo") and isinstance(v, int)}
    return ids


def store_contact_get() -> StoreContact:
    return StoreContact.objects.filter(id=StoreContact.SINGLETON_ID).first() or StoreContact()
