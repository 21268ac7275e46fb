"""core.text: digits of any script, phone numbers and names that can be seen."""

import pytest
from django.core.exceptions import ValidationError

from core.text import ascii_digits, ascii_int, normalize_phone, validate_name, validate_phone
from tests.support.scripts import (
    ARABIC_INDIC,
    DEVANAGARI,
    EXTENDED_ARABIC_INDIC,
    MATHEMATICAL_BOLD,
    full_width,
    in_script,
)


@pytest.mark.parametrize(("typed", "read"), [
    (in_script("5110", ARABIC_INDIC), "5110"),
    (in_script("5110", EXTENDED_ARABIC_INDIC), "5110"),  # Persian, Urdu
    (full_width("5110"), "5110"),
    (in_script("5110", DEVANAGARI), "5110"),
    ("\u00b2\u00b3", "23"),  # superscripts
    ("\u2460\u2461", "12"),  # circled
    (in_script("51", MATHEMATICAL_BOLD), "51"),
    (full_width("(0458) 6123456"), "(0458) 6123456"),  # brackets and an ideographic space
    ("张三 12", "张三 12"),  # what is already plain stays
])
def test_every_kind_of_digit_becomes_ascii(typed, read):
    assert ascii_digits(typed) == read


def test_what_is_no_decimal_digit_stays_as_typed():
    assert ascii_digits("Ⅷ½") == "VIII1\u20442"  # Roman numeral, fraction: NFKC only


@pytest.mark.parametrize(("typed", "number"), [
    ("42", 42), (in_script("42", ARABIC_INDIC), 42), (full_width("42"), 42), (" 42 ", 42),
    (42, 42),
    ("", None), (None, None), ("²a", None), ("-1", None), ("4.2", None),
    ("9" * 18, 10**18 - 1), ("9" * 19, None),  # no id is that long: never an overflow
])
def test_a_query_string_number_is_read_in_any_script_or_not_at_all(typed, number):
    assert ascii_int(typed) == number


@pytest.mark.parametrize(("typed", "stored"), [
    ("0458-6123456", "0458-6123456"),
    ("٠٤٥٨-٦١٢٣٤٥٦", "0458-6123456"),
    ("  139　4586　0001 ", "139 4586 0001"),  # ideographic spaces
    ("+86 (458) 612 3456", "+86 (458) 612 3456"),
    ("6123456转8", "6123456转8"),
])
def test_phone_numbers_are_normalised_and_accepted(typed, stored):
    assert normalize_phone(typed) == stored
    validate_phone(typed)


@pytest.mark.parametrize("typed", ["电话", "1234", "0458-612345a", "13945860001\u200b",
                                   "Ⅷ" * 5, "<script>"])
def test_what_is_no_phone_number_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        validate_phone(typed)
    assert refused.value.code == "phone"


@pytest.mark.parametrize("name", [
    "嘉荫县财政局工会", "刘桂芝", "阿依古丽·买买提", "Wang Chunlin", "第7届“信合杯”",
    "张\u200b三",  # a zero-width space inside a name that shows is not our concern here
    "أحمد\u200f",  # a right-to-left mark after right-to-left letters
])
def test_visible_names_pass(name):
    validate_name(name)


@pytest.mark.parametrize("name", [
    "\u200b", "\u200b\u200c\u200d", "\u202e", "\u2066\u2069", "\ufeff", "\u00ad",
    "\u200e\u200f", "\u3164", "\u115f\u1160", "\u2800", "\u034f", "\u2060", "\U000e0041",
    "\u200b \u3000\u00a0\t",
])
def test_a_name_made_only_of_invisible_characters_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_name(name)
    assert refused.value.code in ("name_invisible", "name_direction")


@pytest.mark.parametrize("name", ["\u202e会工县荫嘉", "张三\u202d", "\u2067刘桂芝\u2069"])
def test_a_name_with_direction_controls_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_name(name)
    assert refused.value.code == "name_direction"


def test_an_empty_name_is_left_to_the_required_check():
    validate_name("")
