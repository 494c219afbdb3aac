import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
RESERVED_SLUGS = frozenset(
    {
        "www", "admin", "api", "static", "media", "dev", "app", "mail", "smtp", "ftp", "ns1", "ns2",
        "dashboard", "accounts", "account", "login", "auth", "help", "support", "blog", "status",
        "cdn", "assets", "public", "template", "market-template", "information-schema", "marketer",
        "shop", "store", "asoud", "test", "localhost", "ws", "healthz", "pay", "payment", "zarinpal",
    }
)  # fmt: skip


def validate_market_slug(value: str) -> None:
    """Lowercase letters, digits and inner hyphens, 3–30 characters, not a reserved name."""
    if not 3 <= len(value) <= 30:
        raise ValidationError(_("The address must be 3 to 30 characters long."), code="length")
    if not SLUG_PATTERN.match(value) or "--" in value:
        raise ValidationError(
            _("Use only lowercase English letters, digits and single hyphens, not at the start or end."),
            code="invalid",
        )
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved; choose another address."), code="reserved", params={"slug": value}
        )
