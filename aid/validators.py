"""GB 11643-1999: the resident identity number (公民身份号码), and how we show it."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.dates import DateRangeValidator
from core.text import ascii_digits

# GB 11643: ISO 7064 MOD 11-2 check character; weights 2^(17-i) mod 11 for positions 1..17.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
# Nobody alive and registered was born before 1900, nor after today.
validate_birth_date = DateRangeValidator(date(1900, 1, 1), years_ahead=0)


def normalize_id_number(value: str) -> str:
    """Digits of any script as ASCII (core.text.ascii_digits), no spaces, x as X."""
    return "".join(ascii_digits(value or "").split()).upper()


def resident_id_checksum(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11]


def birth_date_of(id_number: str) -> date:
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def sex_of(id_number: str) -> str:
    """'M' or 'F': the 17th digit is odd for men, even for women."""
    return "M" if int(id_number[16]) % 2 else "F"


def validate_resident_id(value: str) -> None:
    """18 characters, a real date of birth, the right check character."""
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(count)d."),
            code="id_length", params={"count": len(number)},
        )
    if not ID_SHAPE.fullmatch(number):
        raise ValidationError(
            _("An ID number is 17 digits followed by a digit or X."), code="id_characters"
        )
    try:
        validate_birth_date(birth_date_of(number))
    except (ValueError, ValidationError):
        raise ValidationError(
            _("Digits 7 to 14 of this ID number are not a real date of birth."), code="id_birth"
        ) from None
    if resident_id_checksum(number[:17]) != number[17]:
        raise ValidationError(
            _("The last character of this ID number is wrong (check digit); please check it."),
            code="id_checksum",
        )


def mask_id_number(id_number: str) -> str:
    """The one masking of ID numbers: first 6 + ******** + last 4."""
    if not id_number:
        return ""
    if len(id_number) < 10:
        return "*" * len(id_number)
    return f"{id_number[:6]}********{id_number[-4:]}"


# -- bank account numbers (银行卡号/账号) --

BANK_ACCOUNT_MIN, BANK_ACCOUNT_MAX = 8, 32


def normalize_bank_account(value: str) -> str:
    """ASCII digits, without the spaces and dashes people type between groups."""
    return "".join(ch for ch in ascii_digits(value or "") if ch not in " -\u3000")


def validate_bank_account(value: str) -> None:
    """8 to 32 digits once spaces and dashes are dropped (cards have 16–19, accounts more)."""
    number = normalize_bank_account(value)
    if not number:
        return
    if not (number.isascii() and number.isdigit()):
        raise ValidationError(_("An account number is made of digits only."),
                              code="bank_account_digits")
    if not BANK_ACCOUNT_MIN <= len(number) <= BANK_ACCOUNT_MAX:
        raise ValidationError(
            _("An account number has %(min)d to %(max)d digits; this one has %(count)d."),
            code="bank_account_length",
            params={"min": BANK_ACCOUNT_MIN, "max": BANK_ACCOUNT_MAX, "count": len(number)})


def mask_bank_account(number: str) -> str:
    """The last four digits only: ************1234."""
    if not number:
        return ""
    return "*" * max(len(number) - 4, 4) + number[-4:]
