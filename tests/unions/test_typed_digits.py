"""Credit codes, phone numbers and import columns typed in the digits of another script are
read as ASCII digits (core.text): one union per code, no 500 (issue 14, item 1)."""

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.support.factories import make_union, valid_credit_code
from tests.support.scripts import ARABIC_INDIC, full_width, in_script
from tests.support.workbooks import xlsx
from unions.imports import HeadcountImporter
from unions.models import HeadcountReturn, Union
from unions.validators import validate_credit_code

pytestmark = pytest.mark.django_db

HEADERS = ["工会名称或统一社会信用代码", "统计日期", "会员人数", "在职职工", "下岗职工",
           "新入会会员"]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def union_data(**overrides) -> dict:
    data = {"name": "嘉荫县恒达木耳制品有限公司工会", "kind": "private", "credit_code": "",
            "chair": "刘春燕", "phone": "", "address": "", "established_on": "2012-04-18",
            "joint_union": "", "submission_token": str(uuid.uuid4())}
    data.update(overrides)
    return data


@pytest.mark.parametrize("typed", [lambda code: in_script(code, ARABIC_INDIC), full_width],
                         ids=["arabic-indic", "full-width"])
def test_a_credit_code_in_other_digits_is_the_same_code(admin_client, typed):
    code = valid_credit_code(9)
    make_union(name="已有工会", credit_code=code)
    response = admin_client.post(reverse("unions:union-create"),
                                 union_data(credit_code=typed(code)))
    assert response.status_code == 200
    assert "已有其他工会使用此统一社会信用代码" in response.content.decode()
    assert Union.objects.count() == 1


def test_a_credit_code_in_arabic_indic_digits_is_stored_in_ascii(admin_client):
    code = valid_credit_code(9)
    response = admin_client.post(reverse("unions:union-create"),
                                 union_data(credit_code=in_script(code, ARABIC_INDIC)))
    assert response.status_code == 302
    assert Union.objects.get().credit_code == code


def test_the_validator_reads_other_digits_and_refuses_what_is_no_digit():
    code = valid_credit_code(9)
    validate_credit_code(in_script(code, ARABIC_INDIC))
    with pytest.raises(ValidationError):
        validate_credit_code(code[:5] + "Ⅷ" + code[6:])


@pytest.mark.parametrize(("typed", "stored"), [
    (in_script("0458-6123456", ARABIC_INDIC), "0458-6123456"),
    (full_width("(0458)6123456"), "(0458)6123456"),
    ("139 4586  0001、0458-6123456", "139 4586 0001、0458-6123456"),
])
def test_a_phone_number_is_stored_with_ascii_digits(admin_client, typed, stored):
    response = admin_client.post(reverse("unions:union-create"), union_data(phone=typed))
    assert response.status_code == 302
    assert Union.objects.get().phone == stored


@pytest.mark.parametrize("typed", ["请打电话", "12", "0458-6123456 ext. 8", "²²²"])
def test_a_phone_that_is_no_phone_number_is_refused(admin_client, typed):
    response = admin_client.post(reverse("unions:union-create"), union_data(phone=typed))
    assert response.status_code == 200
    assert "电话号码" in " ".join(response.context["form"].errors["phone"])
    assert not Union.objects.exists()


def test_an_import_reads_codes_numbers_and_dates_in_other_digits(admin_user):
    code = valid_credit_code(51)
    union = make_union(name="嘉荫县人民医院工会", credit_code=code)
    content = xlsx([[full_width(code), in_script("2012-12-31", ARABIC_INDIC),
                     in_script("342", ARABIC_INDIC), full_width("281"), "4",
                     in_script("3", ARABIC_INDIC)]], HEADERS)
    result = HeadcountImporter().run(content, "counts.xlsx", by=admin_user)
    assert result.ok, result.errors
    counted = HeadcountReturn.objects.get(union=union)
    assert (counted.as_of, counted.members, counted.employed, counted.laid_off,
            counted.joined) == (date(2012, 12, 31), 342, 281, 4, 3)


def test_an_import_refuses_a_superscript_number_with_a_row_error(admin_user):
    make_union(name="嘉荫县人民医院工会")
    content = xlsx([["嘉荫县人民医院工会", "2012-12-31", "½", 281, 4, 3]], HEADERS)
    result = HeadcountImporter().run(content, "counts.xlsx", by=admin_user)
    assert [(e.row, e.column) for e in result.errors] == [(2, "会员人数")]
    assert not HeadcountReturn.objects.exists()
