"""Iranian identity and banking numbers, validated by their check digits."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asoud.core.formatting import TO_LATIN as _DIGITS


def to_latin_digits(value: str) -> str:
    return str(value or "").translate(_DIGITS)


def normalize_national_code(value: str) -> str:
    """A 10-digit Iranian national code (کد ملی) whose last digit is its check digit."""
    code = re.sub(r"[\s\-]", "", to_latin_digits(value))
    if not re.fullmatch(r"\d{10}", code) or len(set(code)) == 1:
        raise ValidationError(_("A national code has exactly 10 digits."), code="national_code_format")
    total = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    check = total if total < 2 else 11 - total
    if check != int(code[9]):
        raise ValidationError(_("This national code is not valid; please check it."), code="national_code_check")
    return code


def normalize_iban(value: str) -> str:
    """An Iranian IBAN (شبا): IR followed by 24 digits, ISO 13616 mod-97 checked."""
    iban = re.sub(r"[\s\-]", "", to_latin_digits(value)).upper()
    if not iban.startswith("IR"):
        iban = f"IR{iban}"
    if not re.fullmatch(r"IR\d{24}", iban):
        raise ValidationError(_("An IBAN is IR followed by 24 digits."), code="iban_format")
    rearranged = iban[4:] + iban[:4]
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    if int(numeric) % 97 != 1:
        raise ValidationError(_("This IBAN is not valid; please check it."), code="iban_check")
    return iban


def normalize_postal_code(value: str) -> str:
    code = re.sub(r"[\s\-]", "", to_latin_digits(value))
    if not re.fullmatch(r"\d{10}", code):
        raise ValidationError(_("A postal code has exactly 10 digits."), code="postal_code")
    return code
