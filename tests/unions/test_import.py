"""Bulk import of headcount returns: all-or-nothing, every bad row reported, preview first."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from core.models import ImportBatch
from tests.support.factories import make_headcount_return, make_union, valid_credit_code
from tests.support.workbooks import xlsx
from unions.imports import HeadcountImporter
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

HEADERS = ["工会名称或统一社会信用代码", "统计日期", "会员人数", "在职职工", "下岗职工",
           "新入会会员"]
OPTIONAL_HEADERS = ["女职工会员", "农民工会员", "法人资格", "委员会选举日期", "委员会任期（年）",
                    "集体合同签订日期", "集体合同到期日期", "工资专项集体合同签订日期",
                    "工资专项集体合同到期日期"]




@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def unions():
    return {
        "finance": make_union(name="嘉荫县财政局工会", established_on=date(2001, 5, 18)),
        "hospital": make_union(name="嘉荫县人民医院工会", credit_code=valid_credit_code(51),
                               kind=Union.Kind.INSTITUTION),
        "joint": make_union(name="嘉荫县商业零售行业联合工会", kind=Union.Kind.JOINT),
        "brick": make_union(name="嘉荫县第二砖厂工会", dissolved_on=date(2011, 10, 31)),
    }


def errors_of(content: bytes, filename="counts.xlsx") -> list[tuple[int, str, str]]:
    result = HeadcountImporter().parse(content, filename)
    return [(e.row, e.column, e.message) for e in result.errors]


def test_the_template_has_the_columns_and_an_example(admin_client):
    response = admin_client.get(reverse("unions:headcount-import-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS + OPTIONAL_HEADERS
    assert rows[1][0] == "嘉荫县财政局工会"


def test_upload_preview_confirm_creates_the_returns_with_their_audit(admin_client, admin_user,
                                                                     unions):
    content = xlsx([["嘉荫县财政局工会", date(2012, 12, 31), 46, 39, 0, 1],
                    [valid_credit_code(51), "2012-12-31", 342, 281, 4, 3]], HEADERS)
    response = admin_client.post(reverse("unions:headcount-import"),
                                 {"file": SimpleUploadedFile("counts.xlsx", content)})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("unions:headcount-import-preview", args=[batch.pk])
    assert not HeadcountReturn.objects.exists()

    preview = admin_client.get(response.url)
    html = preview.content.decode()
    assert "嘉荫县人民医院工会" in html  # the credit code resolved to the union's name
    assert preview.context["total"] == 2

    done = admin_client.post(response.url)
    assert done.url == reverse("unions:union-list")
    hospital = unions["hospital"].headcount_returns.get()
    assert (hospital.as_of, hospital.members, hospital.employed, hospital.laid_off,
            hospital.joined) == (date(2012, 12, 31), 342, 281, 4, 3)
    assert unions["finance"].headcount_returns.get().members == 46
    assert hospital.history.get().history_user == admin_user
    assert admin_client.post(response.url).url == reverse("unions:union-list")
    assert HeadcountReturn.objects.count() == 2  # confirming twice imports once


def test_csv_from_a_chinese_excel_imports_too(unions):
    content = ("\n".join([",".join(HEADERS), "嘉荫县财政局工会,2012/12/31,46,39,0,"])
               .encode("gb18030"))
    result = HeadcountImporter().run(content, "counts.csv", by=None)
    assert result.ok
    assert unions["finance"].headcount_returns.get().joined == 0


def test_one_bad_row_among_many_saves_nothing_and_is_reported(admin_client, unions):
    many = [make_union(name=f"工会{i:03d}") for i in range(300)]
    rows = [[u.name, date(2012, 6, 30), 20, 15, 3, 1] for u in many]
    rows[157][2] = -4
    response = admin_client.post(reverse("unions:headcount-import"),
                                 {"file": SimpleUploadedFile("counts.xlsx", xlsx(rows, HEADERS))})
    assert response.status_code == 200
    assert response.context["errors"][0].row == 159
    assert response.context["errors"][0].column == "会员人数"
    assert len(response.context["errors"]) == 1
    html = response.content.decode()
    assert "不能小于 0" in html
    assert "159" in html
    assert not HeadcountReturn.objects.exists()
    assert not ImportBatch.objects.exists()


def test_every_kind_of_bad_row_is_reported_with_its_row_and_column(unions):
    make_headcount_return(unions["finance"], date(2012, 6, 30))
    content = xlsx([
        ["嘉荫县不存在工会", "2012-06-30", 1, 1, 0, 0],                # 2 unknown union
        ["嘉荫县财政局工会", "2012-06-30", 46, 39, 0, 1],              # 3 already exists
        ["嘉荫县人民医院工会", "2012-12-31", 342, 281, 4, 3],          # 4 fine
        ["嘉荫县人民医院工会", "2012-12-31", 343, 281, 4, 3],          # 5 duplicate of row 4
        ["嘉荫县人民医院工会", "2013-06-30", 5, 5, 0, 6],              # 6 joined > members
        ["嘉荫县商业零售行业联合工会", "2012-12-31", 9, 9, 0, 0],       # 7 joint: its own, fine
        ["嘉荫县第二砖厂工会", "2011-12-31", 9, 9, 0, 0],              # 8 after dissolution
        ["嘉荫县财政局工会", "2001-01-01", 9, 9, 0, 0],                # 9 before founding
    ], HEADERS)
    assert errors_of(content) == [
        (2, "工会名称或统一社会信用代码", "没有名称或统一社会信用代码为“嘉荫县不存在工会”的工会"),
        (3, "统计日期", "该工会在此日期已有人数记录，请在工会页面上修改"),
        (5, "统计日期", "与第4行重复：同一工会、同一统计日期"),
        (6, "新入会会员", "不能超过会员人数（5）"),
        (8, "统计日期", "该工会已于2011-10-31撤销，统计日期不能晚于撤销日期。"),
        (9, "统计日期", "该工会成立于2001-05-18，统计日期不能早于成立日期。"),
    ]


def test_unreadable_values_are_reported_before_the_database_checks(unions):
    content = xlsx([["嘉荫县财政局工会", "2012-02-30", "四十", 39, None, 0]], HEADERS)
    assert errors_of(content) == [
        (2, "下岗职工", "必须填写"),
        (2, "会员人数", "“四十”不是整数"),
        (2, "统计日期", "“2012-02-30”不是日期（格式如 2012-06-30）"),
    ]


def test_a_large_import_takes_a_fixed_number_of_queries(unions, admin_user,
                                                        django_assert_max_num_queries):
    names = [f"工会{i:04d}" for i in range(250)]
    Union.objects.bulk_create(Union(name=n, kind=Union.Kind.PRIVATE,
                                    established_on=date(2000, 1, 1)) for n in names)
    rows = [[n, date(year, month, 28), 20, 15, 3, 1]
            for n in names for year in (2010, 2011) for month in range(1, 9)]
    content = xlsx(rows, HEADERS)
    # Bulk inserts: a few statements, not one per row (SQLite caps the variables per
    # statement, so its batches are smaller).
    limit = 12 if connection.vendor == "postgresql" else 100
    with django_assert_max_num_queries(limit):
        result = HeadcountImporter().run(content, "big.xlsx", by=admin_user)
    assert result.ok
    assert HeadcountReturn.objects.count() == 4000
    assert HeadcountReturn.history.count() == 4000
