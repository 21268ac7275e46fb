"""GB 32100-2015: the unified social credit code (统一社会信用代码)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import ascii_digits

# The 31 characters of the code, in value order (no I, O, S, V, Z).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100 §4: weighted sum modulo 31)."""
    total = sum(CREDIT_CODE_CHARSET.index(ch) * w
                for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    """Digits of any script as ASCII (core.text.ascii_digits), no spaces, capital letters."""
    return "".join(ascii_digits(value or "").split()).upper()


def validate_credit_code(value: str) -> None:
    """Reject anything but an 18-character code with a correct check character."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length", params={"count": len(code)},
        )
    bad = [ch for ch in code if ch not in CREDIT_CODE_CHARSET]
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain “%(char)s”."),
            code="credit_code_charset", params={"char": bad[0]},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the region code "
              "and must be digits."),
            code="credit_code_region",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong; "
              "please check the code against the business licence."),
            code="credit_code_checksum",
        )
