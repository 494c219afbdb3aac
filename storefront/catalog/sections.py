"""Data for the home-page sections of the theme. Each section's products load lazily, so a section
served from the fragment cache runs no query at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import SimpleLazyObject

from .pricing import prices_attach
from .selectors import CategoryTree, section_products


@dataclass
class PreparedSection:
    type: str
    settings: dict
    templates: list[str]
    index: int
    data: Any = None


def sections_prepare(sections, *, tier: str, tree: CategoryTree) -> list[PreparedSection]:
    prepared = []
    for section in sections:
        item = PreparedSection(section.type, section.settings, section.templates, section.index)
        settings = section.settings
        if section.type == "featured_products":
            category = tree.by_slug.get(settings.get("category") or "")
            item.data = _lazy_products(
                settings.get("source") or "featured", settings.get("limit") or 8, tier, category, tree
            )
        elif section.type == "new_arrivals":
            item.data = _lazy_products("newest", settings.get("limit") or 8, tier, None, tree)
        elif section.type == "category_grid":
            item.data = _grid_categories(tree, settings.get("categories") or [], settings.get("limit") or 8)
        prepared.append(item)
    return prepared


def _lazy_products(source: str, limit: int, tier: str, category, tree) -> SimpleLazyObject:
    return SimpleLazyObject(
        lambda: prices_attach(section_products(source=source, limit=limit, category=category, tree=tree), tier=tier)
    )


def _grid_categories(tree: CategoryTree, slugs: list[str], limit: int) -> list:
    chosen = [tree.by_slug[slug] for slug in slugs if slug in tree.by_slug] if slugs else list(tree.roots)
    return chosen[:limit]
