"""Importing value-added returns: all or nothing, every bad row reported with its reason."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from economy.imports import ReturnImporter
from economy.models import Sector, ValueAddedReturn
from tests.support.factories import make_household, make_value_added_return
from tests.support.workbooks import xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["基层工会", "自营经济户户主", "经营项目", "行业", "起始日期", "截止日期", "增加值（元）",
           "备注"]




@pytest.fixture
def households(unions):
    return {
        "fungus": make_household(owner="王春林", business="地栽木耳", union=unions[0]),
        "frogs": make_household(owner="王春林", business="特色养殖（林蛙）", union=unions[1]),
        "deer": make_household(owner="王春林", business="特色养殖（梅花鹿）", union=unions[1]),
    }


def test_good_rows_become_returns_with_history(unions, households, staff):
    content = xlsx([
        ["嘉荫县林业局工会", None, None, "工业", "2012-01-01", "2012-06-30", 45000000, "汇总"],
        ["嘉荫县林业局工会", "王春林", None, "农林牧渔业", date(2012, 1, 1), date(2012, 6, 30),
         "268,500.00", None],
        ["嘉荫县农场工会", "王春林", "特色养殖（林蛙）", "agriculture", "2012年1月1日",
         "2012年6月30日", 312400.5, None],
    ], HEADERS)
    result = ReturnImporter().run(content, "returns.xlsx", by=staff)
    assert result.ok, result.errors
    union_return = ValueAddedReturn.objects.get(union=unions[0])
    assert (union_return.sector, union_return.value_added, union_return.note) == (
        Sector.INDUSTRY, Decimal("45000000"), "汇总")
    assert ValueAddedReturn.objects.get(household=households["fungus"]).value_added == Decimal(
        "268500")
    assert ValueAddedReturn.objects.get(household=households["frogs"]).value_added == Decimal(
        "312400.50")
    assert all(r.history.get().history_user == staff for r in ValueAddedReturn.objects.all())


def test_cells_that_do_not_read_are_reported_with_their_reason(unions, staff):
    content = xlsx([
        ["嘉荫县林业局工会", None, None, "工业", "2012-01-01", "2012-06-30", 100, None],
        ["嘉荫县医院工会", None, None, "医疗", "2012-01-01", "2012-06-30", -1, None],
        [None, None, None, "工业", "2012-02-30", "2012-06-30", 1, None],
    ], HEADERS)
    result = ReturnImporter().run(content, "bad.xlsx", by=staff)
    assert not ValueAddedReturn.objects.exists()
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "增加值（元）", "不能小于 0"),
        (3, "行业", "“医疗”不是以下之一：农林牧渔业、工业、交通运输业、批零贸易业、住宿餐饮业、"
                     "文化娱乐业、卫生福利业、其它服务业"),
        (4, "基层工会", "必须填写"),
        (4, "起始日期", "“2012-02-30”不是日期（格式如 2012-06-30）"),
    ]


def test_every_bad_row_is_reported_and_nothing_is_saved(unions, households, staff):
    make_value_added_return(union=unions[0], sector=Sector.INDUSTRY)
    content = xlsx([
        ["嘉荫县林业局工会", None, None, "工业", "2012-07-01", "2012-12-31", 100, None],  # good
        ["没有这个工会", None, None, "工业", "2012-01-01", "2012-06-30", 100, None],
        ["嘉荫县林业局工会", None, None, "工业", "2012-03-01", "2012-03-31", 100, None],
        ["嘉荫县农场工会", None, None, "交通运输业", "2012-06-30", "2012-01-01", 100, None],
        ["嘉荫县农场工会", None, None, "交通运输业", "2011-07-01", "2012-06-30", 100, None],
        ["嘉荫县农场工会", "王春林", None, "农林牧渔业", "2012-01-01", "2012-06-30", 1, None],
        ["嘉荫县农场工会", "李淑华", None, "农林牧渔业", "2012-01-01", "2012-06-30", 1, None],
        ["嘉荫县林业局工会", "王春林", None, "工业", "2012-01-01", "2012-06-30", 1, None],
        ["嘉荫县医院工会", None, None, "卫生福利业", "2012-01-01", "2012-06-30", 1, None],
        ["嘉荫县医院工会", None, None, "卫生福利业", "2012-06-01", "2012-12-31", 1, None],
    ], HEADERS)
    result = ReturnImporter().run(content, "bad.xlsx", by=staff)
    assert ValueAddedReturn.objects.count() == 1
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "基层工会", "没有名为“没有这个工会”的工会。"),
        (4, "起始日期", "嘉荫县林业局工会已有2012-01-01至2012-06-30的工业报表，与本统计期重叠。"),
        (5, "截止日期", "统计期的截止日期不能早于起始日期。"),
        (6, "截止日期", "报表的统计期必须在同一自然年度内。"),
        (7, "经营项目", "“王春林”在该工会有多个自营经济户，请填写经营项目"
                       "（特色养殖（林蛙）、特色养殖（梅花鹿））。"),
        (8, "自营经济户户主", "该工会没有户主为“李淑华”的自营经济户。"),
        (9, "行业", "该自营经济户只能按其所属行业（农林牧渔业）填报。"),
        (11, "起始日期", "统计期与本文件第 10 行重叠（同一填报单位、同一行业）。"),
    ]


def test_missing_headers_are_named(staff, unions):
    result = ReturnImporter().parse(xlsx([["x"]], headers=["基层工会"]), "r.xlsx")
    assert len(result.errors) == 1
    assert "行业" in result.errors[0].message
    assert "增加值（元）" in result.errors[0].message


def test_the_check_takes_a_fixed_number_of_queries(unions, staff,
                                                   django_assert_max_num_queries):
    households = [make_household(owner=f"户主{i}", union=unions[i % 5]) for i in range(100)]
    rows = [[h.union.name, h.owner, None, "农林牧渔业", "2012-01-01", "2012-06-30", 100, None]
            for h in households]
    rows += [[u.name, None, None, sector, "2012-01-01", "2012-06-30", 100, None]
             for u in unions for sector in ("工业", "批零贸易业")]
    content = xlsx(rows, HEADERS)
    with django_assert_max_num_queries(3):
        result = ReturnImporter().parse(content, "many.xlsx")
    assert result.ok
    assert len(result.rows) == 110


def test_upload_preview_and_confirm_through_the_pages(client, staff, unions):
    client.force_login(staff)
    upload = io.BytesIO(xlsx([["嘉荫县林业局工会", None, None, "工业", "2012-01-01",
                               "2012-06-30", 45000000, None]], HEADERS))
    upload.name = "returns.xlsx"
    response = client.post(reverse("economy:return-import"), {"file": upload})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "45,000,000.00元" in preview.content.decode()  # money as money
    assert not ValueAddedReturn.objects.exists()
    done = client.post(response["Location"])
    assert done["Location"] == reverse("economy:return-list")
    assert ValueAddedReturn.objects.get().value_added == Decimal("45000000")


def test_a_bad_upload_lists_the_rows_and_saves_nothing(client, staff, unions):
    client.force_login(staff)
    upload = io.BytesIO(xlsx([["没有这个工会", None, None, "工业", "2012-01-01", "2012-06-30",
                               1, None]], HEADERS))
    upload.name = "returns.xlsx"
    page = client.post(reverse("economy:return-import"), {"file": upload}).content.decode()
    assert "没有名为“没有这个工会”的工会。" in page
    assert not ValueAddedReturn.objects.exists()


def test_the_template_has_the_documented_headers(client, staff):
    from openpyxl import load_workbook

    client.force_login(staff)
    response = client.get(reverse("economy:return-import-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == HEADERS


def test_sectors_read_in_chinese_even_when_the_page_is_english(unions, staff):
    from django.utils import translation

    content = xlsx([["嘉荫县林业局工会", None, None, "批零贸易业", "2012-01-01", "2012-06-30", 1,
                     None],
                    ["嘉荫县农场工会", None, None, "Industry", "2012-01-01", "2012-06-30", 1,
                     None]], HEADERS)
    with translation.override("en"):
        result = ReturnImporter().parse(content, "r.xlsx")
    assert result.ok
    assert [row.values["sector"] for row in result.rows] == ["trade", "industry"]
