"""The one import machinery: .xlsx/.csv files, all-or-nothing, a row-by-row error report.

An app subclasses `Importer` (columns, `check()`, `save()`, optionally `records()`) and splices
`import_urls()` into its urlpatterns: upload -> error report or preview -> confirm (one
transaction) -> done.

One upload, one report: the cells are parsed, then `check()` resolves and checks every row and
`records()` puts the records a row makes through their models' rules, even when some cells could
not be read (those cells, marked in `Row.unread` and None, are skipped: `check()` must not rely
on them). So reading problems, missing records, duplicates and model rules are listed together.
Date columns take the range of their model field (`field_day()`); the preview shows each value
as the pages do (`Column.show()`: choice labels, names of records, dates, money).
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import validate_typed_date
from core.import_files import FileUnreadable, Limits, read_table
from core.import_results import Errors, ImportResult, Row, RowError
from core.money import yuan
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
    field: str = ""  # the model field the column fills (`Importer.records()`); default: key
    display: Callable[[Any], str] | None = None  # the preview's text; default: the parser's

    def show(self, value: Any) -> str:
        """A value read (and resolved) from this column as the preview shows it."""
        if value is None:
            return ""
        shown = self.display or getattr(self.parse, "display", None) or show_value
        return shown(value)


def show_value(value: Any) -> str:
    """A value as a person reads it: 是/否, a localized date, a grouped number, a record's name."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return f"{value:,f}"
    return str(value)


def record_problems(record: models.Model, row: Row, columns: dict[str, str]
                    ) -> dict[str, list[str]]:
    """{field: messages} of `record` by its model's rules: its fields' validators and
    `clean()`, without queries: no uniqueness or constraint checks (the importer checks those
    for all rows at once), relations not validated (the importer found them). Fields filled
    from unread cells are left out."""
    fields = {column_field for column_field, key in columns.items() if key in row.unread}
    fields |= {field.name for field in record._meta.concrete_fields if field.is_relation}
    try:
        record.full_clean(exclude=fields, validate_unique=False, validate_constraints=False)
    except ValidationError as refused:
        return {field: [str(message) for message in messages]
                for field, messages in refused.message_dict.items()}
    return {}


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


def field_day(model: type[models.Model], field: str) -> Parser:
    """A date column filling `model.field`: the field's own validators bound it (the range
    its form and model apply: core.dates), not a copy of them."""
    model_field = model._meta.get_field(field)

    def parse(value: Any) -> date:
        return _validated(_as_date(value), model_field.run_validators)
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
    parse.display = lambda value: str(choices(value).label)
    return parse


def money(minimum: Decimal | int | None = 0) -> Parser:
    """An amount in yuan, two decimals at most (a model's DecimalField(max_digits=14,
    decimal_places=2)); the preview shows it as money (core.money.yuan)."""
    parse = decimal(places=2, minimum=minimum)
    parse.display = lambda amount: yuan(amount, places=2)
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

    def records(self, row: Row) -> Iterable[models.Model]:  # noqa: ARG002  (to override)
        """The unsaved records a checked row will make, whose models' rules (`full_clean()`)
        the row must pass; none by default. Keep it cheap: no query per row."""
        return ()

    def preview_cells(self, row: Row) -> list[str]:
        """The row as the user knows it: labels of choices, names of records, dates and
        money formatted (`Column.show`)."""
        return [column.show(row.values.get(column.key)) for column in self.columns]

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
        """`check()` the rows, their values resolved (a union's name becomes the union...), and
        the rules of the records they make (`records()`); the problems of reading them are kept,
        so that one report lists every problem of the file: the checks skip only the cells that
        could not be read, never the rest of the file."""
        if not result.rows:  # the file could not be read, or holds no data
            return result
        errors = Errors(self.headers(), items=list(result.errors), count=result.error_count,
                        unread={(row.number, key) for row in result.rows for key in row.unread})
        self.check(result.rows, errors)
        self._check_records(result.rows, errors)
        return ImportResult(result.rows, errors.sorted(), errors.count)

    def _check_records(self, rows: list[Row], errors: Errors) -> None:
        """Each row's `records()` through their models' own rules (`full_clean()`: the fields'
        validators and `clean()`), their problems reported on the columns of those fields."""
        columns = {column.field or column.key: column.key for column in self.columns}
        for row in rows:
            for record in self.records(row):
                for field, messages in record_problems(record, row, columns).items():
                    for message in messages:
                        errors.add(row.number, columns.get(field, ""), message)

    def parse(self, content: bytes, filename: str) -> ImportResult:
        """Read and validate every row; nothing is written."""
        return self.check_rows(self.read(content, filename))

    @transaction.atomic
    def run(self, content: bytes, filename: str, *, by) -> ImportResult:
        """Parse and, only when every row is good, save them all in one transaction."""
        return self._saved(self.parse(content, filename), by=by)

    @transaction.atomic
    def confirm(self, rows: list[Row], *, by) -> ImportResult:
        """Check rows read earlier against the records as they are now and, only when every
        row is good, save them all in one transaction."""
        return self._saved(self.check_rows(ImportResult(rows, [])), by=by)

    def _saved(self, result: ImportResult, *, by) -> ImportResult:
        """Save the rows of a good result; a rule that only the saving finds (a record changed
        by someone else meanwhile) undoes the whole save and is reported, not raised."""
        if not result.ok:
            return result
        try:
            with transaction.atomic():
                self.save(result.rows, by=by)
        except ValidationError as refused:
            errors = Errors(self.headers())
            for message in refused.messages:
                errors.add(0, "", message)
            return ImportResult(result.rows, errors.sorted(), errors.count)
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
            unread: set[str] = set()
            for column in self.columns:
                index = positions.get(column.key)
                raw = cells[index] if index is not None and index < len(cells) else None
                values[column.key] = None
                if _blank(raw):
                    if column.required:
                        errors.add(number, column.key, _("is required"))
                        unread.add(column.key)
                    continue
                try:
                    values[column.key] = column.parse(raw)
                except ValueError as problem:
                    errors.add(number, column.key, str(problem))
                    unread.add(column.key)
            rows.append(Row(number, values, unread))
        return rows

    def template_workbook(self) -> bytes:
        from core.exports import workbook_bytes

        example = [column.example for column in self.columns]
        return workbook_bytes([column.header for column in self.columns], [example],
                              title=str(self.title))


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
