"""Iranian mobile numbers: accept what people type, store E.164 (+989XXXXXXXXX)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asoud.core.formatting import TO_LATIN as _DIGITS

_SEPARATORS = re.compile(r"[\s\-().\u200c\u200f\u200e]")
_MOBILE = re.compile(r"^9\d{9}$")


def normalize_mobile(value: str) -> str:
    """Return the number as +989XXXXXXXXX or raise ValidationError with a clear message."""
    raw = _SEPARATORS.sub("", str(value or "").translate(_DIGITS))
    if raw.startswith("+98"):
        national = raw[3:]
    elif raw.startswith("0098"):
        national = raw[4:]
    elif raw.startswith("98") and len(raw) == 12:
        national = raw[2:]
    elif raw.startswith("0"):
        national = raw[1:]
    else:
        national = raw
    if not _MOBILE.match(national):
        raise ValidationError(
            _("Enter a valid Iranian mobile number, for example 0912 345 6789."), code="invalid_mobile"
        )
    return f"+98{national}"
