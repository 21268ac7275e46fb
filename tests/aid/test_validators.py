import pytest
from django.core.exceptions import ValidationError

from aid.validators import (
    birth_date_of,
    mask_id_number,
    normalize_id_number,
    resident_id_checksum,
    sex_of,
    validate_resident_id,
)

# The GB 11643 example number and two built with the standard's weights.
VALID = ["11010519491231002X", "230722197001010018", "230722198506150029"]


@pytest.mark.parametrize("number", VALID)
def test_valid_id_numbers_pass(number):
    validate_resident_id(number)


def test_checksum_follows_iso_7064_mod_11_2():
    assert resident_id_checksum("11010519491231002") == "X"
    assert resident_id_checksum("44052418800101001") == "4"


def test_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_resident_id("110105194912310021")
    assert error.value.code == "id_checksum"


@pytest.mark.parametrize("number", ["230722197002300010", "230722197013010010",
                                    "230722299901010010"])
def test_impossible_birth_date_is_refused(number):
    body = number[:17]
    with pytest.raises(ValidationError) as error:
        validate_resident_id(body + resident_id_checksum(body))
    assert error.value.code == "id_birth"


def test_lower_case_x_is_accepted_and_stored_upper_case():
    validate_resident_id("11010519491231002x")
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("number", ["2307221970010100", "2307221970010100161",
                                    "23072219700101001A"])
def test_wrong_length_or_characters_are_refused(number):
    with pytest.raises(ValidationError):
        validate_resident_id(number)


def test_birth_date_and_sex_come_from_the_number():
    assert str(birth_date_of("11010519491231002X")) == "1949-12-31"
    assert sex_of("11010519491231002X") == "F"
    assert sex_of("230722197001010018") == "M"


def test_masking_keeps_first_six_and_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"
