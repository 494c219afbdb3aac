"""Text rules shared by the catalogue: Persian normalisation (search) and HTML sanitising (descriptions)."""

import html as html_module
import re

import nh3

from asoud.core.formatting import ARABIC_DIGITS, PERSIAN_DIGITS

# Arabic letters typed on Arabic keyboards → their Persian forms; Persian and Arabic digits → ASCII;
# the zero-width non-joiner, hyphens and underscores separate words for search (کتاب‌ها → کتاب ها,
# KT-100 → kt 100: PostgreSQL's parser would otherwise read "-100" as a negative number).
_CHARACTER_MAP = {
    "ي": "ی",
    "ى": "ی",
    "ئ": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
    "أ": "ا",
    "إ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "\u200c": " ",
    "-": " ",
    "_": " ",
    **{digit: str(value) for value, digit in enumerate(PERSIAN_DIGITS)},
    **{digit: str(value) for value, digit in enumerate(ARABIC_DIGITS)},
}
# Harakat and the tatweel carry no meaning for search.
_DROPPED = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
_TRANSLATION = str.maketrans({**_CHARACTER_MAP, **dict.fromkeys(_DROPPED)})

# The same mapping as two strings for PostgreSQL's translate(text, from, to): characters of
# `from` beyond the length of `to` are deleted, which drops the harakat.
SQL_TRANSLATE_FROM = "".join(_CHARACTER_MAP) + _DROPPED
SQL_TRANSLATE_TO = "".join(_CHARACTER_MAP.values())

_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Lowercase text with Persian letters and digits unified, as stored in the search index."""
    return (text or "").translate(_TRANSLATION).lower()


def search_terms(text: str, *, limit: int = 8) -> list[str]:
    """The words of a search query, normalised; only word characters, so safe inside to_tsquery."""
    return _WORD.findall(normalise(text))[:limit]


ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "h2", "h3", "h4",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan"}}


def sanitise_html(html: str) -> str:
    """Rich text safe to show as-is: known tags only, no scripts, styles or event handlers."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener nofollow ugc",
    ).strip()


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """Sanitised HTML as one line of text (meta descriptions, JSON-LD)."""
    return _SPACE.sub(" ", html_module.unescape(_TAG.sub(" ", html or ""))).strip()
