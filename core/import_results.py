"""What an import reads and finds: rows, and the problems of a file (row, column, reason)."""

from dataclasses import dataclass, field
from typing import Any

MAX_ERRORS_LISTED = 1_000  # a file of 100,000 bad rows is not listed in full


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
    """Collects the problems (the first MAX_ERRORS_LISTED of them, and how many there are);
    `column` is a column key, shown as its header."""

    headers: dict[str, str]
    items: list[RowError] = field(default_factory=list)
    count: int = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS_LISTED:
            self.items.append(RowError(row, self.headers.get(column, column), str(message)))

    def __bool__(self) -> bool:
        return bool(self.count)

    def sorted(self) -> list[RowError]:
        return sorted(self.items, key=lambda e: (e.row, e.column))


@dataclass
class ImportResult:
    rows: list[Row]
    errors: list[RowError]  # the problems listed, at most MAX_ERRORS_LISTED
    error_count: int | None = None  # all the problems found

    def __post_init__(self) -> None:
        if self.error_count is None:
            self.error_count = len(self.errors)

    @property
    def ok(self) -> bool:
        return not self.error_count
