"""An ID number typed in the digits of another script is the same number (core.text): it never
makes a second archive and never gives a 500 (issue 14, item 1)."""

from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aid.models import HardshipWorker
from aid.validators import normalize_id_number, validate_resident_id
from tests.support.factories import ARCHIVE_FORM, make_union, make_worker
from tests.support.scripts import ARABIC_INDIC, DEVANAGARI, FULL_WIDTH, full_width, in_script

pytestmark = pytest.mark.django_db

NUMBER = "511011197503159032"


def typed_in(number: str, zero: int) -> str:
    """The first 17 digits in another script, the check character as typed."""
    return in_script(number[:17], zero) + number[17]


def worker_post(union, id_number: str) -> dict:
    return {"name": "刘桂芝", "id_number": id_number, "phone": "", "union": union.pk,
            "employer": "", "employment_status": "laid_off", "hardship_level": "extreme",
            "household_size": 1,
            **ARCHIVE_FORM, "own_monthly_income": "0", "registered_on": "2011-05-04",
            "exited_on": "", "submission_token": str(uuid4())}


@pytest.mark.parametrize("zero", [ARABIC_INDIC, FULL_WIDTH, DEVANAGARI],
                         ids=["arabic-indic", "full-width", "devanagari"])
def test_the_same_number_in_another_script_finds_the_existing_archive(client, staff, zero):
    existing = make_worker(name="刘桂芝", id_number=NUMBER)
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"),
                           worker_post(make_union(), typed_in(NUMBER, zero)))
    assert response.status_code == 200
    assert HardshipWorker.objects.count() == 1
    assert existing.get_absolute_url() in response.content.decode()


def test_a_number_typed_in_arabic_indic_digits_is_stored_in_ascii(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"),
                           worker_post(make_union(), typed_in(NUMBER, ARABIC_INDIC)))
    assert response.status_code == 302
    assert HardshipWorker.objects.get().id_number == NUMBER


def test_a_superscript_digit_is_read_as_its_digit_not_a_500(client, staff):
    make_worker(name="刘桂芝", id_number=NUMBER)
    client.force_login(staff)
    superscript = NUMBER[:16] + "³" + NUMBER[17]  # ³ where the number has 3
    response = client.post(reverse("aid:worker-create"), worker_post(make_union(), superscript))
    assert response.status_code == 200
    assert HardshipWorker.objects.count() == 1


def test_a_superscript_that_makes_a_wrong_number_is_refused_with_a_message(client, staff):
    client.force_login(staff)
    wrong = NUMBER[:16] + "²" + NUMBER[17]  # 2 where the number has 3: a wrong check digit
    response = client.post(reverse("aid:worker-create"), worker_post(make_union(), wrong))
    assert response.status_code == 200
    assert "校验码" in " ".join(response.context["form"].errors["id_number"])
    assert not HardshipWorker.objects.exists()


@pytest.mark.parametrize("number", [
    NUMBER[:17] + "³",  # a superscript check character, and the wrong one
    NUMBER[:5] + "Ⅷ" + NUMBER[6:],  # a Roman numeral: no decimal digit at all
    NUMBER[:17] + in_script("3", ARABIC_INDIC) + "2",  # 19 characters once read
])
def test_what_is_no_valid_number_once_read_is_refused_by_the_validator(number):
    with pytest.raises(ValidationError):
        validate_resident_id(number)


def test_normalising_gives_ascii_for_every_script():
    assert normalize_id_number(typed_in(NUMBER, ARABIC_INDIC)) == NUMBER
    assert normalize_id_number(typed_in(NUMBER, DEVANAGARI)) == NUMBER
    assert normalize_id_number(full_width(" 5110 11197503159032 ")) == NUMBER
    assert normalize_id_number(full_width("11010519491231002x")) == "11010519491231002X"


def test_the_model_stores_ascii_whatever_script_it_is_given():
    worker = make_worker(id_number=typed_in(NUMBER, ARABIC_INDIC))
    worker.refresh_from_db()
    assert worker.id_number == NUMBER
    assert worker.sex == HardshipWorker.Sex.MALE


def test_the_worker_search_finds_last_digits_typed_in_another_script(client, staff):
    make_worker(name="刘桂芝", id_number=NUMBER)
    client.force_login(staff)
    response = client.get(reverse("aid:worker-list"), {"q": in_script("9032", ARABIC_INDIC)})
    assert "刘桂芝" in response.content.decode()
