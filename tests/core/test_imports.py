"""The import machinery: every bad row reported, nothing saved unless all rows are good."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from core.imports import Importer
from core.models import ImportBatch
from tests.core.urls import GroupImporter
from tests.support.workbooks import xlsx

HEADERS = ["组名", "人数", "预算", "日期"]




@pytest.mark.django_db
def test_good_rows_parse_into_typed_values():
    result = GroupImporter().parse(xlsx([["甲组", 3, 12.5, date(2012, 6, 30)],
                                         ["乙组", "4", "1,000.25", "2012年1月5日"]], HEADERS),
                                   "a.xlsx")
    assert result.ok
    assert [r.values for r in result.rows] == [
        {"name": "甲组", "size": 3, "budget": Decimal("12.50"), "since": date(2012, 6, 30)},
        {"name": "乙组", "size": 4, "budget": Decimal("1000.25"), "since": date(2012, 1, 5)},
    ]


@pytest.mark.django_db
def test_one_bad_row_among_many_saves_nothing_and_is_reported():
    rows = [[f"组{i}", i, None, None] for i in range(500)]
    rows[321] = ["组321", -5, "1.234", "2012-02-30"]
    result = GroupImporter().run(xlsx(rows, HEADERS), "many.xlsx", by=None)
    assert not result.ok
    assert Group.objects.filter(name__startswith="组").count() == 0
    assert [(e.row, e.column) for e in result.errors] == [(323, "人数"), (323, "日期"),
                                                         (323, "预算")]
    messages = {e.column: e.message for e in result.errors}
    assert messages == {"人数": "不能小于 0", "日期": "“2012-02-30”不是日期（格式如 2012-06-30）",
                        "预算": "小数位数超过2位"}


@pytest.mark.django_db
def test_all_good_rows_are_saved_in_one_go():
    result = GroupImporter().run(xlsx([[f"组{i}", i, None, None] for i in range(50)], HEADERS),
                                 "ok.xlsx", by=None)
    assert result.ok
    assert Group.objects.filter(name__startswith="组").count() == 50


@pytest.mark.django_db
def test_cross_row_and_database_checks_are_reported_per_row():
    Group.objects.create(name="老组")
    result = GroupImporter().parse(xlsx([["老组", 1], ["新组", 2], ["新组", 3]],
                                        headers=HEADERS[:2]), "dup.xlsx")
    assert [(e.row, e.message) for e in result.errors] == [(2, "“老组”已存在"),
                                                          (4, "“新组”在文件中重复")]


def test_missing_required_value_is_reported():
    result = GroupImporter().parse(xlsx([[None, 3]], headers=HEADERS[:2]), "a.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "组名")]


def test_missing_header_is_a_file_error():
    result = GroupImporter().parse(xlsx([["甲组"]], headers=["组名"]), "a.xlsx")
    assert len(result.errors) == 1
    assert result.errors[0].row == 1
    assert "人数" in result.errors[0].message


@pytest.mark.django_db
def test_english_keys_are_accepted_as_headers():
    result = GroupImporter().parse(xlsx([["甲组", 3]], headers=["name", "size"]), "a.xlsx")
    assert result.ok


@pytest.mark.django_db
def test_csv_in_gbk_is_read():
    content = "组名,人数\n甲组,3\n".encode("gbk")
    result = GroupImporter().parse(content, "gbk.csv")
    assert result.ok
    assert result.rows[0].values["name"] == "甲组"


@pytest.mark.django_db
def test_csv_in_utf8_with_bom_is_read():
    result = GroupImporter().parse("\ufeff组名,人数\n甲组,3\n".encode(), "bom.csv")
    assert result.ok


def test_a_truncated_workbook_is_a_clear_file_error():
    content = xlsx([["甲组", 3]], HEADERS)[:300]
    result = GroupImporter().parse(content, "broken.xlsx")
    assert [(e.row, e.message) for e in result.errors] == [
        (1, "文件不是可读取的 .xlsx 工作簿。")
    ]


def test_an_unknown_file_type_is_refused():
    result = GroupImporter().parse(b"hello", "notes.txt")
    assert not result.ok


def test_empty_rows_are_skipped_and_an_empty_file_is_reported():
    result = GroupImporter().parse(xlsx([[None, None]] * 1000, HEADERS), "empty.xlsx")
    assert len(result.errors) == 1
    assert result.rows == []


def test_too_many_rows_is_refused():
    class Small(GroupImporter):
        max_rows = 5

    result = Small().parse(xlsx([[f"组{i}", 1] for i in range(6)], headers=HEADERS[:2]), "a.xlsx")
    assert len(result.errors) == 1
    assert "5" in result.errors[0].message


def test_formula_cells_are_not_evaluated():
    content = xlsx([['=HYPERLINK("http://evil.example","x")', 3]], HEADERS[:2])
    result = GroupImporter().parse(content, "formula.xlsx")
    # No cached value: the formula is read as an empty (missing) name, never run.
    assert [(e.row, e.column) for e in result.errors] == [(2, "组名")]


def test_the_template_has_the_headers_and_an_example_row():
    sheet = load_workbook(io.BytesIO(GroupImporter().template_workbook())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[1][0] == "测试组"


def test_the_base_importer_must_be_told_how_to_save():
    with pytest.raises(NotImplementedError):
        Importer().save([], by=None)


# ---- the pages ----

pytestmark_urls = pytest.mark.urls("tests.core.urls")


@pytestmark_urls
def test_upload_preview_confirm_imports_once(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO(xlsx([["甲组", 3], ["乙组", 4]], headers=HEADERS[:2]))
    upload.name = "groups.xlsx"
    response = client.post("/import/", {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == f"/import/{batch.pk}/"
    preview = client.get(response.url)
    assert "甲组" in preview.content.decode()
    assert not Group.objects.filter(name="甲组").exists()

    assert client.post(f"/import/{batch.pk}/").status_code == 302
    assert Group.objects.filter(name__in=["甲组", "乙组"]).count() == 2
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED

    again = client.post(f"/import/{batch.pk}/", follow=True)
    assert "已经导入" in again.content.decode()
    assert Group.objects.filter(name="甲组").count() == 1


@pytestmark_urls
def test_a_bad_upload_lists_the_rows_and_stores_nothing(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO(xlsx([["甲组", 3], ["乙组", "很多"]], headers=HEADERS[:2]))
    upload.name = "bad.xlsx"
    response = client.post("/import/", {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "“很多”不是整数" in page
    assert not ImportBatch.objects.exists()
    assert not Group.objects.filter(name="甲组").exists()


@pytestmark_urls
def test_confirm_rechecks_against_records_added_since_the_preview(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO(xlsx([["甲组", 3]], headers=HEADERS[:2]))
    upload.name = "g.xlsx"
    client.post("/import/", {"file": upload})
    batch = ImportBatch.objects.get()
    Group.objects.create(name="甲组")
    response = client.post(f"/import/{batch.pk}/")
    assert response.status_code == 200
    assert "“甲组”已存在" in response.content.decode()
    assert Group.objects.filter(name="甲组").count() == 1


@pytestmark_urls
@pytest.mark.parametrize("role", ["staff", "leader"])
def test_other_roles_cannot_import(client, role_users, role):
    client.force_login(role_users[role])
    assert client.get("/import/").status_code == 403
    assert client.get("/import/template.xlsx").status_code == 403


@pytestmark_urls
def test_the_template_downloads_as_xlsx(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/import/template.xlsx")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert next(load_workbook(io.BytesIO(response.content)).active.values) == tuple(HEADERS)


@pytestmark_urls
def test_a_non_spreadsheet_upload_is_refused_beside_the_field(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO(b"hello")
    upload.name = "notes.txt"
    response = client.post("/import/", {"file": upload})
    assert response.status_code == 200
    assert "请上传 .xlsx 或 .csv 文件" in response.content.decode()
