"""The range of a date someone types, once for every app.

A typed date lies from 1 October 1949 (no record of the federation is older) to one year after
today (campaigns and plans are entered ahead, never further). It is checked in every model
(`core.fields.DateField` carries `validate_typed_date`; tests/core/test_typed_limits.py walks the
models), every form (`core.forms.DateField`: the same check and the date picker's min/max), the
query-string dates of lists and pages (`core.lists.DateFilter`, `core.forms.PeriodForm`) and the
import columns (`core.imports.day()`). A field with a bound of its own (a date of birth) passes
its own `DateRangeValidator`.

Records written around these checks (legacy or restored data, the ORM's `update()`) can still
hold any date: pages that derive a period from stored data keep to `sane_years()` / `is_sane()`.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1949, 10, 1)


def years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@deconstructible(path="core.dates.DateRangeValidator")
class DateRangeValidator:
    """From `earliest` to `years_ahead` years after today (today itself with 0)."""

    message = _("Enter a date from %(earliest)s to %(latest)s.")
    code = "date_range"

    def __init__(self, earliest: date = EARLIEST, *, years_ahead: int = 1) -> None:
        self.earliest, self.years_ahead = earliest, years_ahead

    def bounds(self) -> tuple[date, date]:
        return self.earliest, years_after(timezone.localdate(), self.years_ahead)

    def __call__(self, value: date) -> None:
        if isinstance(value, datetime):
            value = value.date()
        earliest, latest = self.bounds()
        if not earliest <= value <= latest:
            raise ValidationError(self.message, code=self.code, params={
                "earliest": earliest.isoformat(), "latest": latest.isoformat()})

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, DateRangeValidator)
                and (self.earliest, self.years_ahead) == (other.earliest, other.years_ahead))

    def __hash__(self) -> int:
        return hash((self.earliest, self.years_ahead))


validate_typed_date = DateRangeValidator()


def is_sane(day: date | None) -> bool:
    """Whether a stored date lies in the range a user could type."""
    earliest, latest = validate_typed_date.bounds()
    return day is not None and earliest <= day <= latest


def sane_years() -> range:
    """The years a typed date can fall in: the periods worth showing."""
    earliest, latest = validate_typed_date.bounds()
    return range(earliest.year, latest.year + 1)
