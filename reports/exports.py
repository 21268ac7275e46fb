"""The summary as a Word document (GB/T 9704 layout) and as an Excel workbook."""

import io
from datetime import UTC, datetime
from decimal import Decimal

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from core.exports import safe_cell

from . import document as doc
from .document import Cell, Table, plain_text

# GB/T 9704-2012: A4, text area 156 x 225 mm (top margin 37 mm, left 28 mm); title 2号小标宋
# (22 pt), body 3号仿宋 (16 pt) on 28 pt lines; level-1 headings (一、) 3号黑体, level-2 (（一）)
# 3号楷体, level-3 (1.) 3号仿宋 bold; the addressee flush left after the title; the sign-off
# (the sender and the date, Arabic numerals) right, four characters in; page numbers 4号宋体
# "— 1 —", odd pages right and even pages left, one character in; tables with their number.
TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "方正小标宋简体", "仿宋", "黑体", "楷体"
PAGE_NUMBER_FONT = "宋体"
BODY, TITLE, PAGE_NUMBER, TABLE_TEXT = 16, 22, 14, 12  # points
CHAR = Pt(BODY)  # one character of body text
WORD_TABLES = ("economy", "aid")  # the parts whose statistics table the Word file carries
DRAFT_MARK = "草稿"


def _set_font(run, east_asian: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def _format(paragraph, *, align, indent: bool, size: float = BODY) -> None:
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28 if size >= BODY else size * 1.5)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)  # two characters


def _paragraph(container, text: str, font: str = BODY_FONT, size: float = BODY, *,
               indent: bool = True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold: bool = False):
    paragraph = container.add_paragraph()
    _format(paragraph, align=align, indent=indent, size=size)
    if text:
        _set_font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _page_number(footer, align) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    side = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    setattr(paragraph.paragraph_format, f"{side}_indent", Pt(PAGE_NUMBER))  # one character in
    _set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER)
    run = paragraph.add_run()
    _set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER)


def _draft_mark(header) -> None:
    """"草稿" at the top right of every page of a document not published."""
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(DRAFT_MARK)
    _set_font(run, HEADING_FONT, BODY, bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _page(document, *, draft: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(BODY)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    if draft:
        _draft_mark(section.header)
        _draft_mark(section.even_page_header)


def _repeat_header(row) -> None:
    """The header row is repeated at the top of each page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        properties.append(OxmlElement(name))


def _table(document, table: Table, number: int) -> None:
    title = _paragraph(document, f"表{number}　{table.title}", HEADING_FONT, 14, indent=False,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = Pt(14)
    title.paragraph_format.keep_with_next = True
    rows = [table.headers, *table.rows, table.totals]
    grid = document.add_table(rows=len(rows), cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            paragraph = grid.cell(r, c).paragraphs[0]
            number = r and c and not isinstance(value, str)
            align = (WD_ALIGN_PARAGRAPH.CENTER if r == 0 else
                     WD_ALIGN_PARAGRAPH.RIGHT if number else WD_ALIGN_PARAGRAPH.LEFT)
            _format(paragraph, align=align, indent=False, size=TABLE_TEXT)
            _set_font(paragraph.add_run(_cell_text(value)), BODY_FONT, TABLE_TEXT,
                      bold=r in (0, len(rows) - 1))
    if table.note:
        _paragraph(document, table.note, BODY_FONT, TABLE_TEXT, indent=False,
                   align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document, "")  # a line before the text goes on


def _cell_text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in text.split("\n") if block.strip()]


def _sign_off(document, summary: doc.Document) -> None:
    """落款: the sender, and the date on the line below, right, four characters in."""
    _paragraph(document, "")
    for text in (summary.federation, summary.signed_words):
        paragraph = _paragraph(document, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = CHAR * 4


def docx_bytes(summary: doc.Document, *, draft: bool, made_at: datetime | None = None) -> bytes:
    """A Word file of the summary: A4, the official fonts set for East-Asian text, the addressee,
    headings 一、（一）, numbered tables, the sign-off, page numbers; "草稿" on each page of a
    `draft` (a document that is not a published version). `made_at` (default now) is the file's
    created and modified time."""
    document = Document()
    _properties(document, summary, made_at or timezone.now())
    _page(document, draft=draft)
    title = _paragraph(document, summary.title, TITLE_FONT, TITLE, indent=False,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_after = Pt(28)
    if summary.addressee:
        _paragraph(document, f"{summary.addressee}：", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    for block in _blocks(summary.opening):
        _paragraph(document, block)
    _paragraph(document, summary.body_heading, HEADING_FONT)
    tables = 0
    for section in summary.parts:
        _paragraph(document, f"{section.number}{section.heading}", SUBHEADING_FONT)
        for block in _blocks(section.lead):
            _paragraph(document, block)
        for paragraph in section.paragraphs:
            _paragraph(document, plain_text(paragraph))
        for block in _blocks(section.remark):
            _paragraph(document, block)
        table = summary.table(section.key) if section.key in WORD_TABLES else None
        if table:
            tables += 1
            _table(document, table, tables)
    _paragraph(document, summary.plans_heading, HEADING_FONT)
    for block in _blocks(summary.plans):
        _paragraph(document, block)
    if summary.signed_on:
        _sign_off(document, summary)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _properties(document, summary: doc.Document, made_at: datetime) -> None:
    """The file's title, author and times (python-docx's template says 2013). OOXML stores
    them in UTC ("…Z") and Word shows them in the reader's zone; python-docx writes the wall
    time it is given followed by "Z", so the moment is handed over in UTC."""
    properties = document.core_properties
    properties.title, properties.author = summary.title, summary.federation
    properties.last_modified_by = summary.federation
    moment = made_at.astimezone(UTC).replace(tzinfo=None)
    properties.created = properties.modified = moment


def xlsx_bytes(summary: doc.Document) -> bytes:
    """One sheet per part with its statistics table (totals row last, then its note)."""
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
        if table.note:
            sheet.append([])
            sheet.append([safe_cell(table.note)])
        sheet.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
