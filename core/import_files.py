"""Reading an uploaded .xlsx or .csv within bounds, checked before a parser holds the file.

An .xlsx is a zip of XML files. The sizes its members declare bound what unpacking yields (the
zipfile module stops at the declared size and fails the CRC check beyond it), so a workbook too
big unpacked is refused from the zip's directory alone. Its XML is then streamed once and
checked byte by byte, so that neither openpyxl nor the XML parser under it is ever handed an
oversized piece: no run of more than `_token_bytes()` without a "<" (a cell's text or a tag),
no comment, CDATA section, DOCTYPE or processing instruction (the only places where a "<" may
hide inside one token), and no worksheet with more rows than the limit, blank rows included:
each <row> element is a row. Only then does openpyxl open the file, in read-only mode, reading
no column beyond the header's last; each cell it yields, and each cell of a .csv, is checked
to the character.
"""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 1 << 20  # bytes of XML checked at a time
MAX_MEMBERS = 1_000  # files inside one .xlsx
MAX_COLUMNS = 100  # the header is read up to this column; the rows up to the header's last
_BOM = b"\xef\xbb\xbf"
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_HIDING_PLACES = re.compile(rb"<[!?]")  # <!-- -->, <![CDATA[, <!DOCTYPE, <?pi?>
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
               RuntimeError, NotImplementedError, KeyError)


class FileUnreadable(Exception):
    """The file as a whole cannot be read (not a spreadsheet, too large, wrong headers...)."""

    def __init__(self, message: str, row: int = 1) -> None:
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class Limits:
    rows: int  # data rows, blank ones included
    cell_chars: int
    unpacked_bytes: int  # of an .xlsx

    @classmethod
    def current(cls, rows: int | None = None) -> "Limits":
        """The limits of the settings (IMPORT_MAX_*); `rows` overrides the row limit."""
        return cls(rows=rows or settings.IMPORT_MAX_ROWS,
                   cell_chars=settings.IMPORT_MAX_CELL_CHARS,
                   unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES)


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list]]  # (row number as the spreadsheet shows it, cells)
    size: int  # data rows counted before reading, blank ones included (at most, for a .csv)


def is_xlsx(filename: str) -> bool:
    return filename.lower().endswith(".xlsx")


def work_bytes(content: bytes, filename: str, limits: Limits) -> int:
    """What a parser would go through: the .csv itself, or the .xlsx unpacked. A workbook that
    unpacks beyond the limit is refused from the zip's directory, before anything is unpacked."""
    if is_xlsx(filename):
        return sum(member.file_size for member in _members(content, limits))
    return len(content)


def read_table(content: bytes, filename: str, limits: Limits) -> Table:
    """The header and the rows of the first sheet of an .xlsx, or of a .csv, within `limits`."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(content, limits)
    if name.endswith(".csv"):
        return _read_csv(content, limits)
    raise FileUnreadable(_("Upload an .xlsx or .csv file."))


# ---- messages ----

def _not_a_workbook() -> FileUnreadable:
    return FileUnreadable(_("The file is not a readable .xlsx workbook."))


def _too_many_rows(limits: Limits) -> FileUnreadable:
    return FileUnreadable(_("The file has more than %(max)d rows (empty rows count too); "
                            "delete the empty rows or split the file.") % {"max": limits.rows})


def _cell_too_long(limits: Limits, row: int | None = None) -> FileUnreadable:
    if row is None:
        return FileUnreadable(_("A cell of the file holds more than %(max)d characters; "
                                "nothing was read.") % {"max": limits.cell_chars})
    return FileUnreadable(_("Row %(row)d holds a cell of more than %(max)d characters; "
                            "nothing was read.") % {"row": row, "max": limits.cell_chars}, row)


def _check_row(number: int, cells, limits: Limits) -> None:
    if number > limits.rows + 1:  # the header is row 1
        raise _too_many_rows(limits)
    for cell in cells:
        if isinstance(cell, str) and len(cell) > limits.cell_chars:
            raise _cell_too_long(limits, number)


# ---- .xlsx ----

def _members(content: bytes, limits: Limits) -> list[zipfile.ZipInfo]:
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except _ZIP_ERRORS as error:
        raise _not_a_workbook() from error
    if len(members) > MAX_MEMBERS:
        raise _not_a_workbook()
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.unpacked_bytes:
        mb = 1024 * 1024
        raise FileUnreadable(
            _("Unpacked, the workbook takes %(size)d MB, more than the %(max)d MB that can be "
              "imported; split it.") % {"size": -(-unpacked // mb),
                                          "max": limits.unpacked_bytes // mb})
    return members


def _token_bytes(limits: Limits) -> int:
    # A character takes at most 10 bytes of XML ("&#x10FFFF;"); a tag adds its attributes.
    return limits.cell_chars * 10 + 1024


def _start_of_document(chunk: bytes) -> bytes:
    """The chunk from its root element on: past a UTF-8 BOM and the XML declaration. Anything
    else first (UTF-16, another declaration, text) is refused."""
    chunk = chunk.removeprefix(_BOM)
    if chunk.startswith(b"<?xml"):
        end = chunk.find(b"?>", 0, 512)
        if end == -1:
            raise _not_a_workbook()
        chunk = chunk[end + 2:]
    chunk = chunk.lstrip(b" \t\r\n")
    if chunk and (not chunk.startswith(b"<") or chunk[1:2] in (b"\x00", b"?", b"!")):
        raise _not_a_workbook()
    return chunk


def _scan_xml(stream, limits: Limits, *, count_rows: bool) -> int:
    """Check one XML member as it is unpacked; return its <row> elements (when counted)."""
    long_run = re.compile(rb"<[^<]{%d}" % _token_bytes(limits))
    rows, carry, first = 0, b"", True
    while True:
        chunk = stream.read(CHUNK)
        if first:
            chunk, first = _start_of_document(chunk), False
        buffer = carry + chunk
        # Check up to the last "<" (a run may go on in the next chunk), or all of it at the end.
        cut = buffer.rfind(b"<") if chunk else len(buffer)
        region, carry = (buffer[:cut], buffer[cut:]) if cut >= 0 else (b"", buffer)
        if len(carry) > _token_bytes(limits) or long_run.search(region):
            raise _cell_too_long(limits)
        if _HIDING_PLACES.search(region):
            raise _not_a_workbook()
        if count_rows:
            rows += len(_ROW.findall(region))
            if rows > limits.rows + 1:
                raise _too_many_rows(limits)
        if not chunk:
            return rows


def _looks_like_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    with archive.open(member) as stream:
        start = stream.read(64).removeprefix(_BOM).lstrip(b" \t\r\n")
    # UTF-16 XML (a BOM, or "<" beside a zero byte) is refused as XML we do not check.
    return start[:1] == b"<" or start[:2] in (b"\xff\xfe", b"\xfe\xff") or (
        start[:1] == b"\x00" and start[1:2] == b"<")


def inspect_xlsx(content: bytes, limits: Limits) -> int:
    """Refuse a workbook that is too big unpacked, holds too long a cell or too many rows, or
    XML we cannot bound; return the rows of its largest sheet (the header included)."""
    members = _members(content, limits)
    rows = 0
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        for member in members:
            if member.is_dir() or not _looks_like_xml(archive, member):
                continue  # pictures, printer settings: openpyxl does not parse them as XML
            worksheet = member.filename.startswith("xl/worksheets/")
            with archive.open(member) as stream:
                rows = max(rows, _scan_xml(stream, limits, count_rows=worksheet))
    except _ZIP_ERRORS as error:
        raise _not_a_workbook() from error
    return rows


def _read_xlsx(content: bytes, limits: Limits) -> Table:
    from openpyxl import load_workbook

    rows = inspect_xlsx(content, limits)
    try:
        # data_only: a formula cell gives its cached value; formulas are never evaluated.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the size a file declares is not trusted
        header = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), None)
    except (*_ZIP_ERRORS, IndexError, TypeError) as error:
        raise _not_a_workbook() from error
    if header is None:
        raise FileUnreadable(_("The file is empty."))
    _check_row(1, header, limits)
    names = [("" if cell is None else str(cell)).strip() for cell in header]
    width = max((index + 1 for index, name in enumerate(names) if name), default=1)

    def body():
        try:
            cells = sheet.iter_rows(min_row=2, max_col=width, values_only=True)
            for number, row in enumerate(cells, start=2):
                _check_row(number, row, limits)
                yield number, list(row)
        except (*_ZIP_ERRORS, TypeError) as error:
            raise _not_a_workbook() from error
        finally:
            workbook.close()

    return Table(names[:width], body(), max(rows - 1, 0))


# ---- .csv ----

def _read_csv(content: bytes, limits: Limits) -> Table:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            decoded = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileUnreadable(_("The .csv file is neither UTF-8 nor GBK encoded."))
    if "\x00" in decoded:
        raise FileUnreadable(_("The .csv file contains binary data."))
    reader = csv.reader(io.StringIO(decoded, newline=""))

    def rows():
        try:
            for number, cells in enumerate(reader, start=1):
                _check_row(number, cells, limits)
                yield number, cells
        except csv.Error as error:
            # The csv module refuses a field of more than 131,072 characters by itself.
            if "field limit" in str(error):
                raise _cell_too_long(limits, reader.line_num) from error
            raise FileUnreadable(_("The .csv file is malformed.")) from error

    body = rows()
    header = next(body, None)
    if header is None:
        raise FileUnreadable(_("The file is empty."))
    return Table([cell.strip() for cell in header[1]], body, decoded.count("\n"))
