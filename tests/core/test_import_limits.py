"""Uploads that used to stop the site are refused before they are parsed, with a clear message
(issue 14, item 3): blank rows count toward the row limit, an .xlsx is refused when it would
unpack beyond the limit or holds too long a cell, and so is a .csv with too long a cell. The
files are built small, the limits lowered through the settings."""

import csv
import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.styles import Font

from core.models import ImportBatch
from tests.core.urls import GroupImporter
from tests.support.workbooks import xlsx

HEADERS = ["组名", "人数"]
SHEET = "xl/worksheets/sheet1.xml"


def blank_rows_xlsx(data_rows: list, blank_rows: int) -> bytes:
    """Data rows, then rows whose only cell is formatted and empty: blank rows, as Excel keeps
    them when a column has been formatted down to the bottom."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in data_rows:
        sheet.append(row)
    bold = Font(bold=True)
    first = len(data_rows) + 2
    for number in range(first, first + blank_rows):
        sheet.cell(row=number, column=1).font = bold
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def with_member(content: bytes, name: str, change) -> bytes:
    """The .xlsx with one member's bytes changed by `change(bytes) -> bytes`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            target.writestr(member.filename, change(data) if member.filename == name else data)
    return buffer.getvalue()


def one_long_cell_xlsx(characters: int) -> bytes:
    """A workbook whose first data cell holds `characters` letters: small packed, huge
    unpacked."""
    return with_member(xlsx([["X", 1]], HEADERS), SHEET,
                       lambda sheet: sheet.replace(b"<t>X</t>", b"<t>" + b"a" * characters
                                                   + b"</t>"))


def messages_of(result) -> list[tuple[int, str]]:
    return [(error.row, error.message) for error in result.errors]


@pytest.fixture
def unopened(monkeypatch):
    """openpyxl must not open the workbook: the file is refused before it is parsed."""
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened a workbook that should have been refused")

    monkeypatch.setattr("openpyxl.load_workbook", refuse)


# ---- rows: blank ones count ----

@pytest.mark.django_db
def test_blank_rows_of_an_xlsx_count_toward_the_row_limit(settings, unopened):
    settings.IMPORT_MAX_ROWS = 100
    result = GroupImporter().parse(blank_rows_xlsx([["甲组", 1], ["乙组", 2]], 300), "a.xlsx")
    assert messages_of(result) == [
        (1, "文件超过100行（空行也计算在内）；请删除空行或拆分文件。")]


@pytest.mark.django_db
def test_blank_rows_of_a_csv_count_toward_the_row_limit(settings):
    settings.IMPORT_MAX_ROWS = 100
    content = csv_bytes([HEADERS, ["甲组", 1], *[["", ""]] * 300])
    result = GroupImporter().parse(content, "a.csv")
    assert messages_of(result) == [
        (1, "文件超过100行（空行也计算在内）；请删除空行或拆分文件。")]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["a.xlsx", "a.csv"])
def test_a_file_of_exactly_the_limit_with_its_blank_rows_is_read(settings, name):
    settings.IMPORT_MAX_ROWS = 100
    data = [[f"组{i}", i] for i in range(60)]
    content = (blank_rows_xlsx(data, 40) if name.endswith(".xlsx")
               else csv_bytes([HEADERS, *data, *[["", ""]] * 40]))
    result = GroupImporter().parse(content, name)
    assert result.ok, result.errors
    assert len(result.rows) == 60


def test_a_row_far_below_the_others_counts_as_the_rows_before_it(settings):
    settings.IMPORT_MAX_ROWS = 100
    content = with_member(xlsx([["甲组", 1]], HEADERS), SHEET,
                          lambda sheet: sheet.replace(b'<row r="2">', b'<row r="1048576">')
                          .replace(b'r="A2"', b'r="A1048576"').replace(b'r="B2"', b'r="B1048576"'))
    result = GroupImporter().parse(content, "far.xlsx")
    assert messages_of(result) == [
        (1, "文件超过100行（空行也计算在内）；请删除空行或拆分文件。")]


def test_the_importers_own_row_limit_still_applies():
    class Small(GroupImporter):
        max_rows = 5

    result = Small().parse(blank_rows_xlsx([["甲组", 1]], 10), "a.xlsx")
    assert "5" in result.errors[0].message


# ---- an .xlsx unpacked ----

def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_unopened(settings, unopened):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    content = one_long_cell_xlsx(4 * 1024 * 1024)
    assert len(content) < 50_000  # what the upload limit sees
    tracemalloc.start()
    try:
        result = GroupImporter().parse(content, "bomb.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert messages_of(result) == [(1, "工作簿解压后为5 MB，超过可导入的2 MB；请拆分文件。")]
    assert peak < 1024 * 1024  # nothing was unpacked


def test_a_long_cell_is_refused_while_unpacking_without_holding_it(settings, unopened):
    # Within the unpacked limit, 20 MB in one cell: streamed and refused, never held whole.
    content = one_long_cell_xlsx(20 * 1024 * 1024)
    tracemalloc.start()
    try:
        result = GroupImporter().parse(content, "long.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert messages_of(result) == [(1, "文件中有单元格超过1000个字符；未读取任何内容。")]
    assert peak < 8 * 1024 * 1024


def test_a_cell_just_over_the_limit_is_refused_with_its_row(settings):
    settings.IMPORT_MAX_CELL_CHARS = 100
    content = xlsx([["甲组", 1], ["乙" * 101, 2]], HEADERS)
    assert messages_of(GroupImporter().parse(content, "a.xlsx")) == [
        (3, "第3行有单元格超过100个字符；未读取任何内容。")]


def test_a_long_cell_in_a_column_nobody_reads_is_refused_too(settings):
    settings.IMPORT_MAX_CELL_CHARS = 100
    content = xlsx([["甲组", 1, "备" * 101]], [*HEADERS, "备注"])
    assert messages_of(GroupImporter().parse(content, "a.xlsx")) == [
        (2, "第2行有单元格超过100个字符；未读取任何内容。")]


@pytest.mark.parametrize("hidden", [b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"<!-- note -->",
                                    b"<![CDATA[x]]>", b"<?pi data?>"])
def test_xml_that_could_hide_a_long_token_is_refused(hidden, unopened):
    content = with_member(xlsx([["甲组", 1]], HEADERS), SHEET,
                          lambda sheet: sheet.replace(b"<sheetData>", b"<sheetData>" + hidden))
    assert messages_of(GroupImporter().parse(content, "a.xlsx")) == [
        (1, "文件不是可读取的 .xlsx 工作簿。")]


def test_a_utf16_part_is_refused(unopened):
    content = with_member(xlsx([["甲组", 1]], HEADERS), SHEET,
                          lambda sheet: sheet.decode().encode("utf-16"))
    assert messages_of(GroupImporter().parse(content, "a.xlsx")) == [
        (1, "文件不是可读取的 .xlsx 工作簿。")]


@pytest.mark.django_db
def test_a_declared_size_of_a_million_rows_and_columns_is_not_trusted():
    content = with_member(xlsx([["甲组", 1]], HEADERS), SHEET,
                          lambda sheet: sheet.replace(b'<dimension ref="A1:B2"/>',
                                                      b'<dimension ref="A1:XFD1048576"/>'))
    result = GroupImporter().parse(content, "wide.xlsx")
    assert result.ok, result.errors
    assert [row.values["name"] for row in result.rows] == ["甲组"]


# ---- a .csv ----

def test_a_long_cell_of_a_csv_is_refused_with_its_row(settings):
    settings.IMPORT_MAX_CELL_CHARS = 100
    content = csv_bytes([HEADERS, ["甲组", 1], ["乙" * 101, 2]])
    assert messages_of(GroupImporter().parse(content, "a.csv")) == [
        (3, "第3行有单元格超过100个字符；未读取任何内容。")]


def test_a_csv_cell_beyond_what_the_csv_module_reads_gets_the_same_message():
    content = csv_bytes([HEADERS, ["甲" * 200_000, 1]])
    assert messages_of(GroupImporter().parse(content, "a.csv")) == [
        (2, "第2行有单元格超过1000个字符；未读取任何内容。")]


# ---- the upload page ----

@pytest.mark.urls("tests.core.urls")
def test_the_upload_page_refuses_a_workbook_too_big_unpacked_at_once(client, admin_user,
                                                                     settings, unopened):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    client.force_login(admin_user)
    response = client.post("/import/", {"file": SimpleUploadedFile(
        "bomb.xlsx", one_long_cell_xlsx(4 * 1024 * 1024))})
    assert response.status_code == 200
    assert "工作簿解压后为5 MB，超过可导入的2 MB；请拆分文件。" in response.content.decode()
    assert not ImportBatch.objects.exists()
