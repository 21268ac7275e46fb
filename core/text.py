"""Typed text, once for every app: digits of any script, phone numbers, names that can be seen,
and the longest free text we keep.

Digits are normalised, not refused: NFKC folds the compatibility forms (full-width digits and
letters U+FF10.., superscripts such as U+00B2, circled digits, full-width brackets) into their
plain characters, then every remaining Unicode decimal digit (Arabic-Indic U+0660..0669,
Devanagari, ...) becomes its ASCII digit (`unicodedata.decimal`). An ID number typed in
Arabic-Indic or full-width digits and the same number in ASCII are then one number: stored once,
found once, masked alike; the validators that follow see ASCII only. What is not a decimal digit
of any script (Roman numerals, fractions) stays as typed and fails the validator that follows.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The longest free text a user can type, by kind (model and form alike).
REASON_LENGTH = 500  # a rejection reason, a remark
NOTE_LENGTH = 2000  # notes, results, awards
NARRATIVE_LENGTH = 5000  # one narrative block of the half-year summary


def ascii_digits(value: str) -> str:
    """`value` in NFKC with every decimal digit of any script written as an ASCII digit."""
    value = unicodedata.normalize("NFKC", value)
    if value.isascii():
        return value
    return "".join(_ascii_digit(ch) for ch in value)


def _ascii_digit(ch: str) -> str:
    digit = None if ch.isascii() else unicodedata.decimal(ch, None)
    return ch if digit is None else str(digit)


def ascii_int(value: object) -> int | None:
    """A whole number typed in a query string (an id, a year), in any script; None otherwise."""
    text = ascii_digits(str(value or "")).strip()
    return int(text) if text and len(text) <= 18 and text.isascii() and text.isdigit() else None


# -- phone numbers --

_PHONE = re.compile(r"[0-9+\-() /,、转]+", re.ASCII)
_PHONE_DIGITS = 5


def normalize_phone(value: str) -> str:
    """A phone number with ASCII digits, ASCII brackets and single spaces."""
    return " ".join(ascii_digits(value or "").split())


def validate_phone(value: str) -> None:
    """Digits with the separators people write in a phone number; at least five digits."""
    number = normalize_phone(value)
    if not number:
        return
    if not _PHONE.fullmatch(number) or sum(ch.isdigit() for ch in number) < _PHONE_DIGITS:
        raise ValidationError(
            _("Enter a phone number: digits, with spaces, “-”, “+” or brackets if you like "
              "(e.g. 0458-6123456); separate two numbers with “、”."),
            code="phone",
        )


# -- names --

# Explicit direction controls (embeddings, overrides, isolates): a name needs none, and with
# them a name can be made to display as another ("Trojan source").
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that draw nothing although Unicode calls them letters or symbols.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Controls, format characters (zero-width, soft hyphen, BOM, direction marks), spaces,
# unassigned and private-use code points, and combining marks on their own.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def is_visible(ch: str) -> bool:
    return ch not in _BLANK_LETTERS and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES


def validate_name(value: str) -> None:
    """A name (of a person, union, campaign, activity...) must show at least one character and
    must not hold direction controls."""
    if not value:
        return
    if any(ch in DIRECTION_CONTROLS for ch in value):
        raise ValidationError(
            _("A name cannot contain direction-control characters (U+202A–U+202E, "
              "U+2066–U+2069); type it again without them."),
            code="name_direction",
        )
    if not any(is_visible(ch) for ch in value):
        raise ValidationError(
            _("This name is made only of invisible characters (zero-width or formatting "
              "characters); type the name itself."),
            code="name_invisible",
        )
