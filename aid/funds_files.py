"""A payment batch's files: the bank's transfer list (.xlsx, whole account numbers, marked
confidential) and the signing sheet 签领表 (.docx, landscape, a signature column)."""

import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from core.exports import safe_cell
from core.money import ZERO

from .funds_models import PaymentBatch, PaymentLine


def _total(lines: Sequence[PaymentLine]) -> Decimal:
    return sum((line.amount for line in lines), ZERO)


def confidential_mark() -> str:
    return _("CONFIDENTIAL: whole bank account numbers. Give only to the bank; do not copy.")


def bank_list(batch: PaymentBatch, lines: Sequence[PaymentLine]) -> bytes:
    """The bank's list: number, name, bank, whole account number, amount; a total row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Transfer list")[:31]
    bold = Font(bold=True)
    sheet.append([confidential_mark()])
    sheet["A1"].font = Font(bold=True, color="C00000")
    sheet.append([safe_cell(batch.name)])
    sheet.append([_("No."), _("Full name"), _("Bank"), _("Account number"), _("Amount (yuan)"),
                  _("Case No.")])
    for cell in sheet[3]:
        cell.font = bold
    for number, line in enumerate(lines, start=1):
        worker = line.case.worker
        sheet.append([number, safe_cell(worker.name), safe_cell(worker.bank_name),
                      safe_cell(worker.bank_account), line.amount, line.case_id])
        sheet.cell(row=sheet.max_row, column=4).number_format = "@"  # never 6.22E+18
    sheet.append([_("Total"), _("%(count)d people") % {"count": len(lines)}, "", "",
                  _total(lines), ""])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 20
    sheet.column_dimensions["D"].width = 26
    sheet.column_dimensions["E"].width = 14
    sheet.oddHeader.center.text = confidential_mark()
    sheet.oddFooter.center.text = "&P / &N"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def signing_sheet(batch: PaymentBatch, lines: Sequence[PaymentLine]) -> bytes:
    """签领表: one row per person (ID masked), the amount, and empty signature and date cells."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.add_heading(_("Aid signing sheet"), 1)
    document.add_paragraph(batch.name)
    headers = [_("No."), _("Full name"), _("ID number"), _("Union"), _("Kind"), _("Amount (yuan)"),
               _("Signature"), _("Date")]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    for number, line in enumerate(lines, start=1):
        worker = line.case.worker
        cells = table.add_row().cells
        for cell, value in zip(cells, [str(number), worker.name, worker.masked_id_number,
                                       worker.union.name, line.case.get_kind_display(),
                                       f"{line.amount:,.2f}", "", ""], strict=True):
            cell.text = value
        table.rows[-1].height = Cm(1.2)
    total = table.add_row().cells
    total[0].text = _("Total")
    total[1].text = _("%(count)d people") % {"count": len(lines)}
    total[5].text = f"{_total(lines):,.2f}"
    for row in table.rows:
        row.cells[6].width = Cm(5)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    document.add_paragraph(_("Handed over by: ____________    Checked by: ____________"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
