"""Workbooks for import tests, built in memory."""

import io

from openpyxl import Workbook


def xlsx(rows, headers) -> bytes:
    """An .xlsx file: one sheet, `headers` on the first row, then `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
