"""The Word and Excel renderings of a document (a small hand-made one): the official-document
layout of GB/T 9704 and the statistics workbook."""

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import load_workbook

from core.periods import Period
from reports.charts import bar_geometry
from reports.document import (
    SCHEMA,
    Bar,
    Chart,
    Figure,
    Paragraph,
    Section,
    Sentence,
    Table,
    Text,
)
from reports.document import Document as SummaryDocument
from reports.exports import docx_bytes, xlsx_bytes
from reports.frozen import load

# A document as the first schema froze it (no `schema` key), read as every publication is.
FIRST_SCHEMA = {
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


def sentence(key: str, *parts) -> Paragraph:
    return Paragraph(sentences=(Sentence(key=key, parts=parts),))


DOCUMENT = SummaryDocument(
    schema=SCHEMA, title="嘉荫县总工会2012年上半年工作总结", federation="嘉荫县总工会",
    addressee="伊春市总工会", period=Period(2012, "h1"), opening="上半年，各项工作稳步推进。",
    body_heading="一、各项工作开展情况",
    sections=(
        Section(key="economy", number="（一）", heading="职工自营经济工作", lead="引导职工创业。",
                paragraphs=(sentence("economy.value_added", Text(text="实现增加值"),
                                     Figure(text="17414.61万元", url="/x"), Text(text="。")),),
                remark=""),
        Section(key="pairings", number="", heading="扶贫帮扶工作", lead="", paragraphs=(),
                remark=""),
        Section(key="aid", number="（二）", heading="困难职工帮扶", lead="",
                paragraphs=(sentence("aid.relief", Text(text="救助困难职工"),
                                     Figure(text="21人", url="/y"), Text(text="。")),),
                remark="入户见人。"),
    ),
    plans_heading="二、下半年工作要点", plans="一是扶持自营经济。\n二是抓好扶贫。",
    signed_on=date(2012, 7, 6),
    tables=(
        Table(key="economy", title="职工自营经济增加值（万元）", headers=("行业", "增加值（万元）"),
              rows=(("工业", Decimal("8815.28")), ("其它服务业", Decimal("8599.33"))),
              totals=("合计", Decimal("17414.61"))),
        Table(key="aid", title="困难职工帮扶救助", headers=("项目", "人数", "金额（元）"),
              rows=(("生活救助", 10, Decimal(28000)), ("医疗救助", 8, Decimal(32000))),
              totals=("合计", 17, Decimal(60000)), note="注：人数按人计算。"),
    ),
    charts=(),
)


def word(document=DOCUMENT, *, draft: bool = False):
    return Document(io.BytesIO(docx_bytes(document, draft=draft)))


def east_asian(paragraph) -> str:
    return paragraph.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_word_file_has_the_text_official_fonts_and_a4():
    file = word()
    text = "\n".join(p.text for p in file.paragraphs)
    assert "嘉荫县总工会2012年上半年工作总结" in text
    assert "实现增加值17414.61万元。" in text
    assert "救助困难职工21人" in text
    assert "二是抓好扶贫。" in text
    section = file.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert east_asian(file.paragraphs[0]) == "方正小标宋简体"
    body = next(p for p in file.paragraphs if "实现增加值" in p.text)
    assert east_asian(body) == "仿宋"


def test_the_addressee_follows_the_title_flush_left():
    paragraphs = word().paragraphs
    assert paragraphs[1].text == "伊春市总工会："
    assert not paragraphs[1].paragraph_format.first_line_indent


def test_headings_are_numbered_as_the_standard_orders_them_in_their_fonts():
    paragraphs = {p.text: p for p in word().paragraphs}
    assert east_asian(paragraphs["一、各项工作开展情况"]) == "黑体"
    assert east_asian(paragraphs["（一）职工自营经济工作"]) == "楷体"
    assert east_asian(paragraphs["（二）困难职工帮扶"]) == "楷体"
    assert east_asian(paragraphs["二、下半年工作要点"]) == "黑体"
    assert "扶贫帮扶工作" not in paragraphs  # a part with nothing to say is left out
    texts = list(paragraphs)
    assert texts.index("引导职工创业。") == texts.index("（一）职工自营经济工作") + 1  # lead-in


def test_the_sign_off_is_the_federation_and_the_date_right_aligned():
    *_rest, name, day = word().paragraphs
    assert (name.text, day.text) == ("嘉荫县总工会", "2012年7月6日")
    assert name.alignment == day.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_tables_are_numbered_with_a_repeated_header_and_right_aligned_numbers():
    file = word()
    titles = [p.text for p in file.paragraphs if p.text.startswith("表")]
    assert titles == ["表1　职工自营经济增加值（万元）", "表2　困难职工帮扶救助"]
    assert len(file.tables) == 2
    economy, aid = file.tables
    assert economy.cell(3, 1).text == "17,414.61"
    header = economy.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert economy.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert economy.cell(1, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert aid.cell(3, 1).text == "17"
    assert "注：人数按人计算。" in [p.text for p in file.paragraphs]


def test_page_numbers_go_outside_on_odd_and_even_pages():
    file = word()
    section = file.sections[0]
    assert file.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert "PAGE" in section.footer._element.xml
    assert "PAGE" in section.even_page_footer._element.xml
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)


def test_a_draft_is_marked_on_every_page_and_a_published_version_is_not():
    draft = word(draft=True).sections[0]
    assert draft.header.paragraphs[0].text == "草稿"
    assert draft.even_page_header.paragraphs[0].text == "草稿"
    published = word(draft=False).sections[0]
    assert "草稿" not in published.header._element.xml
    assert "草稿" not in published.even_page_header._element.xml


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_word_file_opens_in_libreoffice(tmp_path):
    source = tmp_path / "summary.docx"
    source.write_bytes(docx_bytes(DOCUMENT, draft=True))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=180)
    assert (tmp_path / "summary.pdf").stat().st_size > 10_000


def test_a_first_schema_document_still_renders_in_word():
    file = word(load(FIRST_SCHEMA))
    text = "\n".join(p.text for p in file.paragraphs)
    assert "1、职工自营经济工作" in text
    assert "实现增加值17414.61万元。" in text
    assert file.tables[0].cell(3, 1).text == "17,414.61"


def test_workbook_has_a_sheet_per_table_that_adds_up_with_its_note():
    workbook = load_workbook(io.BytesIO(xlsx_bytes(DOCUMENT)))
    assert workbook.sheetnames == ["职工自营经济增加值（万元）", "困难职工帮扶救助"]
    sheet = workbook["困难职工帮扶救助"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    *parts, totals, _blank, note = rows
    assert sum(r[2] for r in parts) == totals[2] == 60000
    assert note[0] == "注：人数按人计算。"


def test_bar_chart_geometry_scales_to_the_largest_bar():
    chart = bar_geometry(Chart(key="k", title="t", bars=(
        Bar(label="甲", value=Decimal("50.0")), Bar(label="乙", value=Decimal("100.0")),
        Bar(label="丙", value=0))))
    widths = [row.width for row in chart.rows]
    assert widths == [150, 300, 0]
    assert chart.height == 90
