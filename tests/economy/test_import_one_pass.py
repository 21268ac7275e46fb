"""The value-added import in one pass: every problem of the file at once, labels and money in
the preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import ImportBatch
from economy.imports import ReturnImporter
from economy.models import ValueAddedReturn
from tests.support.factories import make_value_added_return
from tests.support.workbooks import xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["基层工会", "自营经济户户主", "经营项目", "行业", "起始日期", "截止日期", "增加值（元）",
           "备注"]


def rounds_file() -> bytes:
    """Row 3: an amount that is no number; row 5: a union not in the registry; row 7: a period
    overlapping a return already recorded. Every other row is good."""
    return xlsx([
        ["嘉荫县林业局工会", None, None, "工业", "2012-07-01", "2012-12-31", 100, None],
        ["嘉荫县农场工会", None, None, "工业", "2012-01-01", "2012-06-30", "十万", None],
        ["朝阳镇工会", None, None, "工业", "2012-01-01", "2012-06-30", 100, None],
        ["嘉荫县不存在工会", None, None, "工业", "2012-01-01", "2012-06-30", 100, None],
        ["嘉荫县医院工会", None, None, "工业", "2012-01-01", "2012-06-30", 100, None],
        ["嘉荫县林业局工会", None, None, "工业", "2012-03-01", "2012-06-30", 100, None],
    ], HEADERS)


@pytest.mark.parametrize("background", [False, True], ids=["in the request", "by the worker"])
def test_a_bad_amount_and_later_unknown_or_overlapping_returns_are_reported_at_once(
        client, staff, unions, settings, background):
    if background:
        settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_BACKGROUND_ROWS = 0
    make_value_added_return(union=unions[0])  # 2012-01-01 to 2012-06-30, industry
    client.force_login(staff)
    response = client.post(reverse("economy:return-import"),
                           {"file": SimpleUploadedFile("增加值.xlsx", rounds_file())})
    if background:
        assert ImportBatch.objects.get().status == ImportBatch.Status.INVALID
        response = client.get(response.url)
    assert [(e.row, e.column) for e in response.context["errors"]] == [
        (3, "增加值（元）"), (5, "基层工会"), (7, "起始日期")]
    assert ValueAddedReturn.objects.count() == 1


def test_a_row_with_a_bad_date_still_has_its_union_looked_up(unions):
    result = ReturnImporter().parse(xlsx([
        ["嘉荫县不存在工会", None, None, "工业", "上半年", "2012-06-30", 100, None],
    ], HEADERS), "a.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "基层工会"), (2, "起始日期")]


def test_the_preview_shows_the_sectors_label_the_dates_and_money(client, staff, unions):
    client.force_login(staff)
    response = client.post(reverse("economy:return-import"), {"file": SimpleUploadedFile(
        "增加值.xlsx", xlsx([["嘉荫县林业局工会", None, None, "industry", "2012-01-01",
                            "2012-06-30", "268500", None]], HEADERS))})
    cells = client.get(response.url).context["preview"][0][1]
    assert cells[3:7] == ["工业", "2012年1月1日", "2012年6月30日", "268,500.00元"]


@pytest.mark.parametrize("column", range(len(HEADERS)), ids=HEADERS)
def test_any_unreadable_cell_is_reported_with_the_rest_of_the_file_checked(unions, column):
    row = ["嘉荫县林业局工会", "王春林", "地栽木耳", "工业", "2012-01-01", "2012-06-30", 100, ""]
    row[column] = "巧" * 300
    unknown = ["嘉荫县不存在工会", None, None, "工业", "2012-01-01", "2012-06-30", 100, None]
    result = ReturnImporter().parse(xlsx([row, unknown], HEADERS), "a.xlsx")
    where = [(e.row, e.column) for e in result.errors]
    assert (2, HEADERS[column]) in where
    assert (3, "基层工会") in where
