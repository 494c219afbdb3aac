"""Texts of notifications from templates/notifications/<event>/<part>.txt, in a given language.

Plain text, so an engine of its own with autoescaping off (an SMS must say "&", not "&amp;"),
with the project's template builtins (toman, local_digits, jdate…).
"""

from functools import lru_cache

from django.conf import settings
from django.template import Context, Engine, engines
from django.utils import translation

PARTS = ("in_app", "sms", "email_subject", "email")


@lru_cache(maxsize=1)
def text_engine() -> Engine:
    site = engines["django"].engine  # the site's engine: same folders and tag libraries
    return Engine(
        dirs=site.dirs,
        autoescape=False,
        builtins=list(settings.TEMPLATES[0].get("OPTIONS", {}).get("builtins", [])),
        libraries=site.libraries,
        loaders=[("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])],
    )


def render_part(*, event: str, part: str, context: dict, language: str) -> str:
    """One part of an event's text, whitespace tidied (templates may wrap long lines)."""
    if part not in PARTS:
        raise ValueError(f"Unknown notification template part {part!r}")
    template = text_engine().get_template(f"notifications/{event}/{part}.txt")
    with translation.override(language):
        text = template.render(Context(context, autoescape=False))
    if part == "email":
        return "\n".join(line.rstrip() for line in text.strip().splitlines())
    return " ".join(text.split())
