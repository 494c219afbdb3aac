"""Presentation helpers for storefront templates (no business logic: prices come from pricing.py)."""

import json

from django import template
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from asoud.core.formatting import digits as local_digits

from ..cache import FRAGMENT_TIMEOUT

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def local(value):
    """A text the owner wrote, in the visitor's language: one string, or {"fa": …, "en": …}."""
    if isinstance(value, dict):
        language = (get_language() or "fa")[:2]
        return value.get(language) or value.get("fa") or next(iter(value.values()), "")
    return value or ""


@register.filter
def ld_json(data) -> str:
    """Structured data (schema.org) as a JSON-LD script, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (None/"" removes one); `page` resets."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for name, value in changes.items():
        if value in (None, "") or (name == "page" and str(value) == "1"):
            params.pop(name, None)
        else:
            params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def weight(grams) -> str:
    """Grams as people read them: "750 g", "1.5 kg" (Persian digits and units in Persian)."""
    if not grams:
        return ""
    if grams < 1000:
        return gettext("%(amount)s g") % {"amount": local_digits(grams)}
    kilograms = f"{grams / 1000:.1f}".rstrip("0").rstrip(".")
    if (get_language() or "fa").startswith("fa"):
        kilograms = kilograms.replace(".", "٫")
    return gettext("%(amount)s kg") % {"amount": local_digits(kilograms)}


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@register.filter
def readable_on(background: str) -> str:
    """The text colour (white or near-black) with the higher WCAG contrast on `background`, so a
    badge or button stays legible whatever colour the owner picked (white on orange is 2.8:1)."""
    try:
        lum = _luminance(background)
    except (ValueError, IndexError, AttributeError):
        return "#ffffff"
    on_white = 1.05 / (lum + 0.05)
    on_ink = (lum + 0.05) / (_luminance("#111111") + 0.05)
    return "#ffffff" if on_white >= on_ink else "#111111"


@register.simple_tag(takes_context=True)
def product_cards(context, products, show_category=False, eager=0):
    """The theme's product card for each product, each rendered once per storefront version, language,
    tier and theme, then read back with one cache round trip for the whole grid: the same cards come
    back on listing pages, search results, home sections and every product page's recommendations.

    The first `eager` cards' pictures load at once with high priority (the grid is the page's main
    content: one of them is the largest paint); the others stay lazy."""
    theme, version = context.get("theme"), context.get("version")
    products = list(products)
    if theme is None or not version:
        return _eager(eager, [_card_render(context, theme, product, show_category) for product in products])
    prefix = f"card:{version}:{get_language()}:{context.get('tier', 'retail')}:{theme.key}:{int(bool(show_category))}"
    keys = {product.pk: f"{prefix}:{product.pk}" for product in products}
    found = cache.get_many(list(keys.values()))
    rendered = {}
    for product in products:
        if keys[product.pk] not in found:
            rendered[keys[product.pk]] = _card_render(context, theme, product, show_category)
    if rendered:
        cache.set_many(rendered, FRAGMENT_TIMEOUT)
    return _eager(eager, [found.get(keys[p.pk]) or rendered[keys[p.pk]] for p in products])


def _eager(count: int, cards: list[str]) -> str:
    for index in range(min(int(count or 0), len(cards))):
        cards[index] = cards[index].replace(' loading="lazy"', ' fetchpriority="high"', 1)
    return mark_safe("".join(cards))


def _card_render(context, theme, product, show_category) -> str:
    template = context.template.engine.select_template(theme.components["product_card"])
    with context.push(product=product, show_category=show_category):
        return template.render(context)
