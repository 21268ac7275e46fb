"""The one import machinery: .xlsx/.csv files, all-or-nothing, a row-by-row error report.

An app subclasses `Importer` (columns, `check()`, `save()`) and splices `import_urls()` into its
urlpatterns: upload -> error report or preview -> confirm (one transaction) -> done.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import import_views as views
from core.dates import validate_typed_date
from core.text import ascii_digits, validate_name

MAX_ROWS = 100_000
Parser = Callable[[Any], Any]


class FileUnreadable(Exception):
    """The file as a whole cannot be read (not a spreadsheet, wrong headers...)."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header in the template file (Chinese); the key is accepted as well
    parse: Parser
    required: bool = True
    example: Any = ""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Row:
    number: int  # as the spreadsheet shows it (the header is row 1)
    values: dict[str, Any]


@dataclass
class Errors:
    """Collects every problem; `column` is a column key, shown as its header."""

    headers: dict[str, str]
    items: list[RowError] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.items.append(RowError(row, self.headers.get(column, column), str(message)))

    def __bool__(self) -> bool:
        return bool(self.items)

    def sorted(self) -> list[RowError]:
        return sorted(self.items, key=lambda e: (e.row, e.column))


@dataclass
class ImportResult:
    rows: list[Row]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


# ---- value parsers: each returns the value or raises ValueError with the user's message ----

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(max_length: int) -> Parser:
    def parse(value: Any) -> str:
        value = "" if value is None else str(value).strip()
        if "\x00" in value:
            raise ValueError(_("contains an invalid character"))
        if len(value) > max_length:
            raise ValueError(_("is longer than %(max)d characters") % {"max": max_length})
        return value
    return parse


def name(max_length: int) -> Parser:
    """A name that creates a record (a helper, a beneficiary): text that shows something
    (core.text.validate_name)."""
    as_text = text(max_length)

    def parse(value: Any) -> str:
        value = as_text(value)
        try:
            validate_name(value)
        except ValidationError as problem:
            raise ValueError(problem.messages[0]) from None
        return value
    return parse


def _digits(value: Any) -> Any:
    """Text with its digits in ASCII, whatever script they were typed in; other values as is."""
    return ascii_digits(value).strip() if isinstance(value, str) else value


def integer(minimum: int | None = 0, maximum: int = 10**9) -> Parser:
    def parse(value: Any) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = _digits(value)
        if isinstance(value, str):
            value = value.replace(",", "")
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            raise ValueError(_("“%(value)s” is not a whole number") % {"value": value}) from None
        if minimum is not None and number < minimum:
            raise ValueError(_("cannot be less than %(min)d") % {"min": minimum})
        if number > maximum:
            raise ValueError(_("is too large"))
        return number
    return parse


def decimal(places: int = 2, minimum: Decimal | int | None = 0,
            maximum: Decimal = Decimal("999999999999.99")) -> Parser:
    def parse(value: Any) -> Decimal:
        raw = _digits(value)
        raw = raw.replace(",", "") if isinstance(raw, str) else raw
        try:
            number = Decimal(str(raw))
        except (InvalidOperation, ValueError):
            raise ValueError(_("“%(value)s” is not a number") % {"value": value}) from None
        if not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number") % {"value": value})
        if isinstance(raw, float):
            number = number.quantize(Decimal(1).scaleb(-places))  # Excel stores binary floats
        if -number.as_tuple().exponent > places:
            raise ValueError(_("has more than %(places)d decimal places") % {"places": places})
        if minimum is not None and number < minimum:
            raise ValueError(_("cannot be less than %(min)s") % {"min": minimum})
        if number > maximum:
            raise ValueError(_("is too large"))
        return number
    return parse


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", re.ASCII),
)


def day(bounds: Callable[[date], None] = validate_typed_date) -> Parser:
    """A date cell or a date written as text (digits of any script), in the typed-date range
    (core.dates) or the field's own `bounds` (a DateRangeValidator)."""
    def parse(value: Any) -> date:
        found = _as_date(value)
        try:
            bounds(found)
        except ValidationError as problem:
            raise ValueError(problem.messages[0]) from None
        return found
    return parse


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = _digits(str(value))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise ValueError(_("“%(value)s” is not a date (use 2012-06-30)") % {"value": raw})


def choice(choices) -> Parser:
    """Accepts a TextChoices value or its label (in either language)."""
    def parse(value: Any) -> str:
        raw = str(value).strip()
        for member in choices:
            if raw in (member.value, str(member.label)):
                return member.value
        labels = "、".join(str(member.label) for member in choices)
        raise ValueError(_("“%(value)s” is not one of: %(labels)s") % {"value": raw,
                                                                       "labels": labels})
    return parse


# ---- reading files ----

def read_table(content: bytes, filename: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """Headers and (row number, cells) of the first sheet of an .xlsx or a .csv file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if name.endswith(".csv"):
        return _read_csv(content)
    raise FileUnreadable(_("Upload an .xlsx or .csv file."))


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        # data_only: a formula cell gives its cached value; formulas are never evaluated.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, TypeError) as error:
        raise FileUnreadable(_("The file is not a readable .xlsx workbook.")) from error
    if header is None:
        raise FileUnreadable(_("The file is empty."))

    def body():
        try:
            for number, cells in enumerate(rows, start=2):
                yield number, list(cells)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
            raise FileUnreadable(_("The file is not a readable .xlsx workbook.")) from error
        finally:
            workbook.close()

    return [("" if h is None else str(h)).strip() for h in header], body()


def _read_csv(content: bytes):
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
    header = next(reader, None)
    if header is None:
        raise FileUnreadable(_("The file is empty."))

    def body():
        try:
            yield from enumerate(reader, start=2)
        except csv.Error as error:
            raise FileUnreadable(_("The .csv file is malformed.")) from error

    return [h.strip() for h in header], body()


class Importer:
    """Subclass with `kind`, `title`, `columns`, `check()` and `save()`."""

    kind: str = ""
    title = gettext_lazy("Import")
    columns: Sequence[Column] = ()
    max_rows: int = MAX_ROWS

    # -- to override --
    def check(self, rows: list[Row], errors: Errors) -> None:
        """Cross-row and database checks, a fixed number of queries for all rows."""

    def save(self, rows: list[Row], *, by) -> int:
        """Create the records (inside the import's transaction); returns how many."""
        raise NotImplementedError

    def preview_cells(self, row: Row) -> list[str]:
        return [_display(row.values.get(column.key)) for column in self.columns]

    # -- the machinery --
    def headers(self) -> dict[str, str]:
        return {column.key: column.header for column in self.columns}

    def parse(self, content: bytes, filename: str) -> ImportResult:
        """Read and validate every row; nothing is written."""
        errors = Errors(self.headers())
        try:
            header, body = read_table(content, filename)
            positions = self._positions(header)
            rows = self._parse_rows(body, positions, errors)
        except FileUnreadable as problem:
            return ImportResult([], [RowError(1, "", str(problem))])
        if not rows and not errors:
            errors.add(1, "", _("The file has no data rows."))
        if not errors:
            self.check(rows, errors)
        return ImportResult(rows, errors.sorted())

    @transaction.atomic
    def run(self, content: bytes, filename: str, *, by) -> ImportResult:
        """Parse and, only when every row is good, save them all in one transaction."""
        result = self.parse(content, filename)
        if result.ok:
            self.save(result.rows, by=by)
        return result

    def _positions(self, header: list[str]) -> dict[str, int]:
        names = {name: index for index, name in enumerate(header) if name}
        positions, missing = {}, []
        for column in self.columns:
            index = names.get(column.header, names.get(column.key))
            if index is None:
                if column.required:
                    missing.append(column.header)
            else:
                positions[column.key] = index
        if missing:
            raise FileUnreadable(
                _("The first row must hold the column headers; missing: %(columns)s. "
                  "Download the template to see them.") % {"columns": "、".join(missing)}
            )
        return positions

    def _parse_rows(self, body, positions: dict[str, int], errors: Errors) -> list[Row]:
        rows: list[Row] = []
        for number, cells in body:
            if all(_blank(cell) for cell in cells):
                continue
            if len(rows) >= self.max_rows:
                raise FileUnreadable(
                    _("The file has more than %(max)d rows; split it.") % {"max": self.max_rows}
                )
            values: dict[str, Any] = {}
            for column in self.columns:
                index = positions.get(column.key)
                raw = cells[index] if index is not None and index < len(cells) else None
                if _blank(raw):
                    if column.required:
                        errors.add(number, column.key, _("is required"))
                    values[column.key] = None
                    continue
                try:
                    values[column.key] = column.parse(raw)
                except ValueError as problem:
                    errors.add(number, column.key, str(problem))
            rows.append(Row(number, values))
        return rows

    def template_workbook(self) -> bytes:
        from core.exports import workbook_bytes

        example = [column.example for column in self.columns]
        return workbook_bytes([column.header for column in self.columns], [example],
                              title=str(self.title))


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def import_urls(importer_class: type[Importer], *, name: str, roles: tuple[str, ...],
                done_url: str, prefix: str = "import/") -> list:
    """The upload, preview/confirm and template URLs of one importer, named `<name>-import...`."""
    options = {"importer_class": importer_class, "roles": roles, "done_url": done_url,
               "url_name": name}
    return [
        path(prefix, views.ImportUploadView.as_view(**options), name=f"{name}-import"),
        path(f"{prefix}<int:batch_id>/", views.ImportPreviewView.as_view(**options),
             name=f"{name}-import-preview"),
        path(f"{prefix}template.xlsx", views.ImportTemplateView.as_view(**options),
             name=f"{name}-import-template"),
    ]
