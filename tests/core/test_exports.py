import io
from decimal import Decimal

from openpyxl import load_workbook

from core.exports import attachment, safe_cell, workbook_bytes


def test_text_that_starts_a_formula_is_neutralised():
    assert safe_cell('=HYPERLINK("http://evil","x")') == '\'=HYPERLINK("http://evil","x")'
    assert safe_cell("+1") == "'+1"
    assert safe_cell("-1") == "'-1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("嘉荫县总工会") == "嘉荫县总工会"
    assert safe_cell(-5) == -5
    assert safe_cell(Decimal("1.50")) == Decimal("1.50")


def test_workbook_never_holds_a_formula():
    content = workbook_bytes(["名称", "金额"], [["=1+1", Decimal("2.50")]], title="测试",
                             totals=["合计", Decimal("2.50")])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "测试"
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == "'=1+1"
    assert sheet["B2"].value == 2.5
    assert sheet["A3"].value == "合计"
    assert sheet["A1"].font.bold


def test_attachment_names_work_in_chinese():
    header = attachment("基层工会.xlsx")
    assert header.startswith('attachment; filename=".xlsx"')
    assert "filename*=UTF-8''%E5%9F%BA" in header
