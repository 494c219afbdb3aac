import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from asoud.accounts.validators import normalize_iban, normalize_national_code, normalize_postal_code
from asoud.core.phone import normalize_mobile


def national_code_with_check_digit(first_nine: str) -> str:
    total = sum(int(first_nine[i]) * (10 - i) for i in range(9)) % 11
    return first_nine + str(total if total < 2 else 11 - total)


def iban_with_check_digits(bban: str) -> str:
    numeric = "".join(str(int(char, 36)) for char in bban + "IR00")
    return f"IR{98 - int(numeric) % 97:02d}{bban}"


@pytest.mark.parametrize(
    "raw",
    [
        "09121234567",
        "9121234567",
        "989121234567",
        "+989121234567",
        "+98 912 123 4567",
        "0912-123-4567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "00989121234567",
    ],
)
def test_mobile_numbers_are_normalised_to_e164(raw):
    assert normalize_mobile(raw) == "+989121234567"


@pytest.mark.parametrize("raw", ["", "12345", "0812345678", "091212345678", "+1 202 555 0101", "abc"])
def test_invalid_mobile_numbers_get_a_clear_message(raw):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        normalize_mobile(raw)
    with translation.override("en"):
        assert "valid Iranian mobile number" in error.value.messages[0]


def test_national_code_check_digit():
    valid = national_code_with_check_digit("001234567")
    assert normalize_national_code(valid) == valid
    assert normalize_national_code("۰۰۱۲۳۴۵۶۷" + valid[-1]) == valid
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    with pytest.raises(ValidationError):
        normalize_national_code(wrong)
    for bad in ("123", "1111111111", "12345678901", "abcdefghij"):
        with pytest.raises(ValidationError):
            normalize_national_code(bad)


def test_a_valid_iban_is_accepted_in_any_common_spelling():
    iban = "IR062960000000100324200001"  # the example IBAN from ISO 13616 documentation
    assert normalize_iban(iban) == iban
    assert normalize_iban(iban.lower().replace("ir", "IR ")) == iban
    assert normalize_iban(iban[2:]) == iban  # the IR prefix may be left out


def test_iban_with_a_wrong_check_is_refused():
    iban = iban_with_check_digits("0170000000123456789012")
    assert normalize_iban(iban) == iban
    broken = iban[:-1] + str((int(iban[-1]) + 1) % 10)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        normalize_iban(broken)
    with translation.override("en"):
        assert "not valid" in error.value.messages[0]
    with pytest.raises(ValidationError):
        normalize_iban("IR12345")


def test_postal_code():
    assert normalize_postal_code("۱۲۳۴۵-۶۷۸۹۰") == "1234567890"
    with pytest.raises(ValidationError):
        normalize_postal_code("12345")
