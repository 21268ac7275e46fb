"""The Word and Excel renderings of a document (a small hand-made one)."""

import io
from decimal import Decimal

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from reports.charts import bar_geometry
from reports.document import Bar, Chart
from reports.exports import docx_bytes, xlsx_bytes
from reports.frozen import load

# A document as the first schema froze it (no `schema` key), read as every publication is.
DOCUMENT = {
    "title": "嘉荫县总工会2012年上半年工作总结",
    "federation": "嘉荫县总工会",
    "period": {"year": 2012, "half": "h1", "label": "2012年上半年", "start": "2012-01-01",
               "end": "2012-06-30"},
    "opening": "上半年，各项工作稳步推进。",
    "sections": [
        {"key": "economy", "number": "1、", "heading": "职工自营经济工作", "remark": "",
         "paragraphs": [[{"text": "实现增加值"}, {"text": "17414.61万元", "url": "/x"},
                         {"text": "。"}]]},
        {"key": "aid", "number": "2、", "heading": "困难职工帮扶", "remark": "入户见人。",
         "paragraphs": [[{"text": "救助困难职工"}, {"text": "21人", "url": "/y"}]]},
    ],
    "plans_heading": "二、下半年工作要点",
    "plans": "一是扶持自营经济。\n二是抓好扶贫。",
    "tables": [
        {"key": "economy", "title": "职工自营经济增加值（万元）",
         "headers": ["行业", "增加值（万元）"],
         "rows": [["工业", 8815.28], ["其它服务业", 8599.33]], "totals": ["合计", 17414.61]},
        {"key": "aid", "title": "困难职工帮扶救助", "headers": ["项目", "人数", "金额（元）"],
         "rows": [["生活救助", 10, 28000.0], ["医疗救助", 8, 32000.0]],
         "totals": ["合计", 18, 60000.0]},
    ],
    "charts": [],
}


def test_word_file_has_the_text_official_fonts_and_a4():
    word = Document(io.BytesIO(docx_bytes(load(DOCUMENT))))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "嘉荫县总工会2012年上半年工作总结" in text
    assert "实现增加值17414.61万元。" in text
    assert "救助困难职工21人" in text
    assert "二、下半年工作要点" in text
    assert "二是抓好扶贫。" in text
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    title_run = word.paragraphs[0].runs[0]
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in word.paragraphs if "实现增加值" in p.text)
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert "PAGE" in section.footer._element.xml


def test_word_file_holds_the_statistics_tables():
    word = Document(io.BytesIO(docx_bytes(load(DOCUMENT))))
    assert len(word.tables) == 2
    assert word.tables[0].cell(3, 1).text == "17,414.61"


def test_workbook_has_a_sheet_per_table_that_adds_up():
    workbook = load_workbook(io.BytesIO(xlsx_bytes(load(DOCUMENT))))
    assert workbook.sheetnames == ["职工自营经济增加值（万元）", "困难职工帮扶救助"]
    sheet = workbook["困难职工帮扶救助"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    *parts, totals = rows
    assert sum(r[2] for r in parts) == totals[2] == 60000


def test_bar_chart_geometry_scales_to_the_largest_bar():
    chart = bar_geometry(Chart(key="k", title="t", bars=(
        Bar(label="甲", value=Decimal("50.0")), Bar(label="乙", value=Decimal("100.0")),
        Bar(label="丙", value=0))))
    widths = [row.width for row in chart.rows]
    assert widths == [150, 300, 0]
    assert chart.height == 90
