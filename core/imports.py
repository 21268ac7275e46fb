"""The one import machinery: .xlsx/.csv files, all-or-nothing, a row-by-row error report.

An app subclasses `Importer` (columns, `check()`, `save()`) and splices `import_urls()` into its
urlpatterns: upload -> error report or preview -> confirm (one transaction) -> done.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import validate_typed_date
from core.import_files import FileUnreadable, Limits, read_table
from core.import_results import Errors, ImportResult, Row, RowError
from core.text import ascii_digits, validate_name

__all__ = ["Column", "Errors", "ImportResult", "Importer", "Row", "RowError", "import_urls"]

PROGRESS_EVERY = 2_000  # rows
Parser = Callable[[Any], Any]
Progress = Callable[[int, int], None]  # (rows read, rows in the file)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header in the template file (Chinese); the key is accepted as well
    parse: Parser
    required: bool = True
    example: Any = ""


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
        return _validated(as_text(value), validate_name)
    return parse


def _validated(value: Any, validator: Callable[[Any], None]) -> Any:
    """`value` once a model validator accepts it; its first message as the cell's error."""
    try:
        validator(value)
    except ValidationError as problem:
        raise ValueError(problem.messages[0]) from None
    return value


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
        return _validated(_as_date(value), bounds)
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


class Importer:
    """Subclass with `kind`, `title`, `columns`, `check()` and `save()`."""

    kind: str = ""
    title = gettext_lazy("Import")
    columns: Sequence[Column] = ()
    max_rows: int | None = None  # data rows, blank ones included; None: IMPORT_MAX_ROWS

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

    def limits(self) -> Limits:
        return Limits.current(rows=self.max_rows)

    def read(self, content: bytes, filename: str, progress: Progress | None = None
             ) -> ImportResult:
        """Read the file and parse each cell of its columns, within the limits; no database
        check yet (see `check_rows()`), nothing written."""
        errors = Errors(self.headers())
        try:
            table = read_table(content, filename, self.limits())
            positions = self._positions(table.header)
            rows = self._parse_rows(table, positions, errors, progress)
        except FileUnreadable as problem:
            return ImportResult([], [RowError(problem.row, "", str(problem))])
        if not rows and not errors:
            errors.add(1, "", _("The file has no data rows."))
        return ImportResult(rows, errors.sorted(), errors.count)

    def check_rows(self, result: ImportResult) -> ImportResult:
        """`check()` the rows read well; the rows are those of `result`, their values resolved
        (a union's name becomes the union...)."""
        if not result.ok:
            return result
        errors = Errors(self.headers())
        self.check(result.rows, errors)
        return ImportResult(result.rows, errors.sorted(), errors.count)

    def parse(self, content: bytes, filename: str) -> ImportResult:
        """Read and validate every row; nothing is written."""
        return self.check_rows(self.read(content, filename))

    @transaction.atomic
    def run(self, content: bytes, filename: str, *, by) -> ImportResult:
        """Parse and, only when every row is good, save them all in one transaction."""
        result = self.parse(content, filename)
        if result.ok:
            self.save(result.rows, by=by)
        return result

    @transaction.atomic
    def confirm(self, rows: list[Row], *, by) -> ImportResult:
        """Check rows read earlier against the records as they are now and, only when every
        row is good, save them all in one transaction."""
        result = self.check_rows(ImportResult(rows, []))
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

    def _parse_rows(self, table, positions: dict[str, int], errors: Errors,
                    progress: Progress | None) -> list[Row]:
        rows: list[Row] = []
        if progress is not None:
            progress(0, table.size)
        for number, cells in table.rows:  # the table counts blank rows toward the limit
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress(number - 1, table.size)
            if all(_blank(cell) for cell in cells):
                continue
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
    from core import import_batches
    from core import import_views as views

    import_batches.register(importer_class)
    options = {"importer_class": importer_class, "roles": roles, "done_url": done_url,
               "url_name": name}
    return [
        path(prefix, views.ImportUploadView.as_view(**options), name=f"{name}-import"),
        path(f"{prefix}<int:batch_id>/", views.ImportPreviewView.as_view(**options),
             name=f"{name}-import-preview"),
        path(f"{prefix}template.xlsx", views.ImportTemplateView.as_view(**options),
             name=f"{name}-import-template"),
    ]
