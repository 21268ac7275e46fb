"""The one .xlsx export. Text that a spreadsheet would read as a formula is neutralised."""

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# OWASP CSV/formula injection: cells starting with these are read as formulas by spreadsheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Numbers and dates as they are, a moment as the local wall time (spreadsheets have no time
    zones: openpyxl refuses aware datetimes, and UTC would read 8 hours off); text that could
    start a formula gets a leading quote."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)  # the current time zone, Asia/Shanghai
    if value is None or isinstance(value, (int, float, Decimal, date, datetime)):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def workbook_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, title: str,
                   totals: Sequence | None = None) -> bytes:
    """A one-sheet workbook: bold headers, the rows, an optional bold totals row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    bold = Font(bold=True)
    sheet.append([_styled(workbook, safe_cell(h), bold) for h in headers])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    if totals is not None:
        sheet.append([_styled(workbook, safe_cell(value), bold) for value in totals])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], *,
                  title: str, totals: Sequence | None = None) -> HttpResponse:
    """An .xlsx download named `filename` (Chinese names are fine)."""
    response = HttpResponse(workbook_bytes(headers, rows, title=title, totals=totals),
                            content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = attachment(filename)
    return response


def attachment(filename: str) -> str:
    """Content-Disposition for a file name that may not be ASCII (RFC 6266 / 5987)."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "export.xlsx"
    ascii_name = ascii_name.replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return cleaned[:31] or "Sheet1"


def _styled(workbook, value, font):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(workbook.worksheets[0], value=value)
    cell.font = font
    return cell
