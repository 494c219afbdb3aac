"""Bootstrap trimmed to the selectors this project can use, built from the installed package.

The pip package's `bootstrap.min.css` (and its RTL twin) is 230 KB of rules, almost all for classes
no template uses; a browser must download and parse all of it before it paints anything. This
finder offers `bootstrap/css/bootstrap.trim.css` and `bootstrap/css/bootstrap.rtl.trim.css`, made
from the package's files with every rule dropped whose selectors name a class that appears nowhere
in the project's sources: its templates and the templates of the packages that render Bootstrap
markup (crispy-bootstrap5, allauth), its Python code (widget attributes) and its JavaScript, plus
the state classes Bootstrap's own JavaScript toggles (`show`, `collapsing`, `modal-open`, …: listed
here, since its bundle names every component and would keep them all).

A class is "used" when it appears as a word anywhere in those files, so the test is generous: a rule
survives if it could match. Rules without classes (element selectors, `:root` variables) and
@keyframes are kept; @media and @supports blocks keep the rules that survive inside them.

It is a staticfiles finder (settings STATICFILES_FINDERS), so `collectstatic` hashes and compresses
the trimmed files like any other, and `make dev` and the tests serve them through the finders.
The files are built once per process, on first use, into a cache folder.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import threading
from pathlib import Path

import tinycss2
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

TRIMMED = {
    "bootstrap/css/bootstrap.trim.css": "css/bootstrap.min.css",
    "bootstrap/css/bootstrap.rtl.trim.css": "css/bootstrap.rtl.min.css",
}
_SOURCE_SUFFIXES = {".html", ".txt", ".py", ".js"}
_PACKAGES_WITH_MARKUP = ("crispy_bootstrap5", "allauth", "django_htmx")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*(?:\\.[_a-zA-Z0-9-]*)*)")
_WORD = re.compile(r"[_a-zA-Z][_a-zA-Z0-9-]*")
# Added and removed by bootstrap.bundle.js on elements whose own classes the templates name.
JS_STATE_CLASSES = frozenset(
    [
        "show",
        "showing",
        "hiding",
        "fade",
        "collapse",
        "collapsing",
        "collapse-horizontal",
        "active",
        "disabled",
        "modal-open",
        "modal-backdrop",
        "modal-static",
        "offcanvas-backdrop",
        "dropdown-menu-end",
        "dropdown-menu-start",
        "dropup",
        "dropend",
        "dropstart",
        "was-validated",
        "is-invalid",
        "is-valid",
        "carousel-item-next",
        "carousel-item-prev",
        "carousel-item-start",
        "carousel-item-end",
        "pointer-event",
        "bs-tooltip-auto",
        "bs-popover-auto",
    ]
)
_lock = threading.Lock()


def bootstrap_dir() -> Path:
    return Path(importlib.util.find_spec("bootstrap").submodule_search_locations[0])


def source_roots() -> list[Path]:
    """Where class names can come from."""
    base = Path(settings.BASE_DIR)
    roots = [base / name for name in ("templates", "static", "asoud", "storefront", "dashboard", "tenants")]
    for package in _PACKAGES_WITH_MARKUP:
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            roots.append(Path(spec.submodule_search_locations[0]))
    return [root for root in roots if root.exists()]


def used_words(roots: list[Path]) -> set[str]:
    words: set[str] = set(JS_STATE_CLASSES)
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in _SOURCE_SUFFIXES and "tests" not in path.parts and path.is_file():
                words.update(_WORD.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def selector_possible(selector: str, words: set[str]) -> bool:
    return all(name.replace("\\", "") in words for name in _CLASS.findall(selector))


def css_trim(css: str, words: set[str]) -> str:
    """`css` without the rules whose every selector names a class not in `words`."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_rule_trim(rule, words) for rule in rules)


def _rule_trim(rule, words: set[str]) -> str:
    if rule.type == "qualified-rule":
        selectors = [part.strip() for part in _split_selectors(tinycss2.serialize(rule.prelude))]
        kept = [selector for selector in selectors if selector_possible(selector, words)]
        if not kept:
            return ""
        return ",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}"
    if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container", "layer"):
        if rule.content is None:
            return tinycss2.serialize([rule])
        inner = css_trim(tinycss2.serialize(rule.content), words)
        if not inner:
            return ""
        return "@" + rule.at_keyword + tinycss2.serialize(rule.prelude).rstrip() + "{" + inner + "}"
    if rule.type in ("at-rule", "qualified-rule"):
        return tinycss2.serialize([rule])
    return ""


def _split_selectors(prelude: str) -> list[str]:
    """Split at top-level commas (not those inside :is(), :not(), …)."""
    parts, depth, current = [], 0, []
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def trimmed_build(folder: Path) -> dict[str, Path]:
    """Write the trimmed files under `folder` (once per set of sources); their paths by static name."""
    words = used_words(source_roots())
    stamp = hashlib.blake2s(" ".join(sorted(words)).encode(), digest_size=8).hexdigest()
    built = {}
    for name, source in TRIMMED.items():
        target = folder / stamp / name
        if not target.exists():
            css = (bootstrap_dir() / source).read_text(encoding="utf-8")
            target.parent.mkdir(parents=True, exist_ok=True)
            banner = f"/* Bootstrap {(bootstrap_dir() / 'version.txt').read_text().strip()}, trimmed: asoud/core/static_trim.py */\n"
            partial = target.with_suffix(".part")
            partial.write_text(banner + css_trim(css, words), encoding="utf-8")
            partial.replace(target)
        built[name] = target
    return built


class TrimmedBootstrapFinder(BaseFinder):
    """Finds the trimmed Bootstrap stylesheets (built on first use)."""

    _built: dict[str, Path] | None = None

    def _files(self) -> dict[str, Path]:
        with _lock:
            if TrimmedBootstrapFinder._built is None:
                folder = Path(settings.BASE_DIR) / ".data" / "build" / "static-trim"
                TrimmedBootstrapFinder._built = trimmed_build(folder)
            return TrimmedBootstrapFinder._built

    def find(self, path, find_all=False, **kwargs):
        found = self._files().get(path)
        if found is None:
            return [] if find_all or kwargs.get("all") else None
        return [str(found)] if find_all or kwargs.get("all") else str(found)

    def list(self, ignore_patterns):
        for name, path in self._files().items():
            storage = FileSystemStorage(location=str(path.parent))
            storage.prefix = str(Path(name).parent)
            yield path.name, storage
