"""The summary as a Word document (GB/T 9704 layout) and as an Excel workbook."""

import io
from decimal import Decimal

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from core.exports import safe_cell

from . import document as doc
from .document import Cell, Table, plain_text

# GB/T 9704-2012: A4, text area 156 x 225 mm; title 2号小标宋 (22 pt), body 3号仿宋 (16 pt),
# level-1 headings 3号黑体, level-2 headings 3号楷体, 28 pt lines, page numbers 4号宋体.
TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "方正小标宋简体", "仿宋", "黑体", "楷体"
TITLE_FALLBACK = "宋体"
WORD_TABLES = ("economy", "aid")  # the parts whose statistics table the Word file carries


def _set_font(run, east_asian: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def _paragraph(document, text: str, font: str, size: float, *, indent: bool = True,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold: bool = False):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)  # two characters
    _set_font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(paragraph.add_run("— "), "宋体", 14)
    run = paragraph.add_run()
    _set_font(run, "宋体", 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _set_font(paragraph.add_run(" —"), "宋体", 14)


def _table(document, table: Table) -> None:
    _paragraph(document, table.title, SUBHEADING_FONT, 14, indent=False,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    rows = [table.headers, *table.rows, table.totals]
    grid = document.add_table(rows=len(rows), cols=len(table.headers))
    grid.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.text = ""
            _set_font(cell.paragraphs[0].add_run(_cell_text(value)), BODY_FONT, 12,
                      bold=r in (0, len(rows) - 1))


def _cell_text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return str(value)


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in text.split("\n") if block.strip()]


def docx_bytes(summary: doc.Document) -> bytes:
    """A Word file of the summary: A4, official fonts set for East-Asian text, page numbers."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _page_number_footer(section)

    title = _paragraph(document, summary.title, TITLE_FONT, 22, indent=False,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_after = Pt(28)
    if summary.opening:
        _paragraph(document, summary.opening, BODY_FONT, 16)
    _paragraph(document, "一、各项工作开展情况", HEADING_FONT, 16)
    for section in summary.sections:
        _paragraph(document, f"{section.number}{section.heading}", SUBHEADING_FONT, 16)
        for paragraph in section.paragraphs:
            _paragraph(document, plain_text(paragraph), BODY_FONT, 16)
        for block in _blocks(section.remark):
            _paragraph(document, block, BODY_FONT, 16)
        table = summary.table(section.key) if section.key in WORD_TABLES else None
        if table:
            _table(document, table)
    _paragraph(document, summary.plans_heading, HEADING_FONT, 16)
    for block in _blocks(summary.plans):
        _paragraph(document, block, BODY_FONT, 16)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(summary: doc.Document) -> bytes:
    """One sheet per part with its statistics table (totals row last)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in summary.tables:
        sheet = workbook.create_sheet(table.title[:31].replace("/", "_"))
        sheet.append([summary.title])
        sheet.append([safe_cell(h) for h in table.headers])
        for row in table.rows:
            sheet.append([safe_cell(v) for v in row])
        sheet.append([safe_cell(v) for v in table.totals])
        for cell in (*sheet[1], *sheet[2], *sheet[sheet.max_row]):
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
