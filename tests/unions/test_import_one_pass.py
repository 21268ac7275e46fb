"""The headcount import in one pass: every problem of the file at once, labels in the preview,
dates in the ranges of their model fields."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.imports import field_day
from core.models import ImportBatch
from tests.support.factories import make_headcount_return, make_union, valid_credit_code
from tests.support.workbooks import xlsx
from unions.imports import HeadcountImporter
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

HEADERS = ["工会名称或统一社会信用代码", "统计日期", "会员人数", "在职职工", "下岗职工",
           "新入会会员", "法人资格"]


@pytest.fixture
def finance():
    return make_union(name="嘉荫县财政局工会", credit_code=valid_credit_code(51),
                      established_on=date(2001, 5, 18))


@pytest.fixture
def hospital():
    hospital = make_union(name="嘉荫县人民医院工会")
    make_headcount_return(hospital, as_of=date(2012, 6, 30))
    return hospital


def rounds_file() -> bytes:
    """Row 3: members that are no number; row 5: a union not in the registry; row 7: a return
    the union has already. Every other row is good."""
    return xlsx([
        ["嘉荫县财政局工会", "2012-06-30", 45, 38, 0, 2, "是"],
        ["嘉荫县人民医院工会", "2012-12-31", "四十", 30, 0, 0, None],
        ["嘉荫县财政局工会", "2012-12-31", 46, 39, 0, 1, None],
        ["嘉荫县不存在工会", "2012-06-30", 10, 10, 0, 0, None],
        ["嘉荫县财政局工会", "2011-12-31", 44, 37, 0, 0, None],
        ["嘉荫县人民医院工会", "2012-06-30", 80, 70, 1, 0, None],
    ], HEADERS)


@pytest.mark.parametrize("background", [False, True], ids=["in the request", "by the worker"])
def test_a_bad_number_and_later_unknown_or_duplicate_returns_are_reported_at_once(
        client, admin_user, finance, hospital, settings, background):
    if background:
        settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_BACKGROUND_ROWS = 0
    client.force_login(admin_user)
    response = client.post(reverse("unions:headcount-import"),
                           {"file": SimpleUploadedFile("人数.xlsx", rounds_file())})
    if background:
        assert ImportBatch.objects.get().status == ImportBatch.Status.INVALID
        response = client.get(response.url)
    assert [(e.row, e.column) for e in response.context["errors"]] == [
        (3, "会员人数"), (5, "工会名称或统一社会信用代码"), (7, "统计日期")]
    assert HeadcountReturn.objects.count() == 1


def test_a_row_with_a_bad_date_still_has_its_counts_and_union_checked(finance):
    result = HeadcountImporter().parse(xlsx([
        ["嘉荫县不存在工会", "6月30日", 10, 10, 0, 12, None],
    ], HEADERS), "a.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "工会名称或统一社会信用代码"), (2, "新入会会员"), (2, "统计日期")]


def test_the_preview_shows_the_unions_name_yes_and_the_date(client, admin_user, finance):
    client.force_login(admin_user)
    response = client.post(reverse("unions:headcount-import"), {"file": SimpleUploadedFile(
        "人数.xlsx", xlsx([[finance.credit_code, "2012-06-30", 45, 38, 0, 2, "1"]], HEADERS))})
    cells = client.get(response.url).context["preview"][0][1]
    assert cells[:3] == ["嘉荫县财政局工会", "2012年6月30日", "45"]
    keys = [column.key for column in HeadcountImporter.columns]
    assert cells[keys.index("legal_person")] == "是"


def test_date_columns_take_the_range_of_their_model_fields():
    as_of = field_day(HeadcountReturn, "as_of")  # a typed date: up to a year ahead
    expires = field_day(Union, "contract_expires_on")  # an agreement: up to ten years ahead
    far = timezone.localdate().replace(day=1, year=timezone.localdate().year + 5)
    with pytest.raises(ValueError, match="1949-10-01"):
        as_of(far)
    assert expires(far) == far


@pytest.mark.parametrize("column", range(len(HEADERS)), ids=HEADERS)
def test_any_unreadable_cell_is_reported_with_the_rest_of_the_row_checked(finance, column):
    row = ["嘉荫县财政局工会", "2000-06-30", 45, 38, 0, 46, "是"]
    row[column] = "巧" * 300
    result = HeadcountImporter().parse(xlsx([row], HEADERS), "a.xlsx")
    where = [(e.row, e.column) for e in result.errors]
    assert (2, HEADERS[column]) in where
    if column not in (0, 1):  # the date is checked against the union's founding
        assert (2, "统计日期") in where
