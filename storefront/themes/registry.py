"""The built-in themes. A theme is a base template overriding blocks of the shared storefront base,
a stylesheet of custom properties and rules, default colours and default home-page sections.

Templates are looked up theme first, shared second (`Theme.templates`), so a theme may replace one
component or section without copying the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

DEFAULT_THEME = "classic"


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    colors: dict[str, str]
    sections: list[dict] = field(default_factory=list)

    @property
    def base_template(self) -> str:
        return f"storefront/themes/{self.key}/base.html"

    @property
    def stylesheet(self) -> str:
        return f"css/themes/{self.key}.css"

    def templates(self, name: str) -> list[str]:
        """Where to find a component or section: the theme's own copy first, then the shared one."""
        return [f"storefront/themes/{self.key}/{name}", f"storefront/{name}"]

    @property
    def components(self) -> TemplateLookup:
        """`{% include theme.components.product_card %}` in templates."""
        return TemplateLookup(self, "components")


class TemplateLookup:
    def __init__(self, theme: Theme, folder: str):
        self.theme, self.folder = theme, folder

    def __getitem__(self, name: str) -> list[str]:
        return self.theme.templates(f"{self.folder}/{name}.html")


_STANDARD_SECTIONS = [
    {"type": "hero", "settings": {"title": "", "layout": "split"}},
    {"type": "category_grid", "settings": {"limit": 8}},
    {"type": "featured_products", "settings": {"source": "featured", "limit": 8}},
    {"type": "new_arrivals", "settings": {"limit": 8}},
]

THEMES: dict[str, Theme] = {
    "classic": Theme(
        key="classic",
        name=_("Classic"),
        colors={
            "primary": "#1d4ed8",
            "accent": "#f97316",
            "background": "#f5f7fb",
            "surface": "#ffffff",
            "text": "#1f2937",
        },
        sections=_STANDARD_SECTIONS,
    ),
    "bazaar": Theme(
        key="bazaar",
        name=_("Bazaar"),
        colors={
            "primary": "#9f1239",
            "accent": "#d97706",
            "background": "#fdf6e9",
            "surface": "#fffdf8",
            "text": "#3b1d0f",
        },
        sections=_STANDARD_SECTIONS,
    ),
    "minimal": Theme(
        key="minimal",
        name=_("Minimal"),
        colors={
            "primary": "#111111",
            "accent": "#b45309",
            "background": "#ffffff",
            "surface": "#ffffff",
            "text": "#111111",
        },
        sections=_STANDARD_SECTIONS,
    ),
}


def theme_get(key: str | None) -> Theme:
    return THEMES.get(key or DEFAULT_THEME, THEMES[DEFAULT_THEME])
