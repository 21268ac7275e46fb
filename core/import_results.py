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
    # The columns whose cell could not be read (bad or missing): their value is None and the
    # reason is reported already; the checks leave them alone but check the row's other cells.
    unread: set[str] = field(default_factory=set)

    def read(self, *keys: str) -> bool:
        """Whether every cell of `keys` was read well (an optional empty cell is, as None)."""
        return self.unread.isdisjoint(keys)


@dataclass
class Errors:
    """Collects the problems (the first MAX_ERRORS_LISTED of them, and how many there are);
    `column` is a column key, shown as its header."""

    headers: dict[str, str]
    items: list[RowError] = field(default_factory=list)
    count: int = 0
    # (row, column key) of the cells already reported as unreadable: a check that would
    # complain about their missing value is not listed on top of the reason.
    unread: set[tuple[int, str]] = field(default_factory=set)

    def add(self, row: int, column: str, message: str) -> None:
        if (row, column) in self.unread:
            return
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
