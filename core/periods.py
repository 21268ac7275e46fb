"""Periods, once for every app: the reporting `Period` (上半年/下半年 or a whole year; a value,
not a table), the half-year containing a day, and the same period a year earlier."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from .dates import sane_years

HALVES = ("h1", "h2", "year")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    half: str  # "h1" (Jan-Jun), "h2" (Jul-Dec) or "year"

    def __post_init__(self):
        if self.half not in HALVES:
            raise ValueError(f"unknown half {self.half!r}")
        if not 1900 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")

    @property
    def start(self) -> date:
        return date(self.year, 7, 1) if self.half == "h2" else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == "h1" else date(self.year, 12, 31)

    def year_earlier(self) -> "Period":
        """The same period a year before, for the comparison column."""
        return Period(self.year - 1, self.half)

    @property
    def label(self) -> str:
        """'2012年上半年', '2012年下半年', '2012年'."""
        names = {"h1": _("first half of %(year)d"), "h2": _("second half of %(year)d"),
                 "year": _("the year %(year)d")}
        return names[self.half] % {"year": self.year}

    @property
    def half_label(self) -> str:
        return {"h1": _("first half"), "h2": _("second half"), "year": _("whole year")}[self.half]

    @property
    def next_label(self) -> str:
        """What the plans block is about: '下半年' after H1, '明年' otherwise."""
        return _("the second half") if self.half == "h1" else _("next year")

    @classmethod
    def containing(cls, day: date) -> "Period":
        return cls(day.year, "h1" if day.month <= 6 else "h2")

    @classmethod
    def asked(cls, year: int, half: str) -> "Period":
        """A period asked for (a URL): a known half of a year a typed date can fall in
        (core.dates.sane_years()); ValueError otherwise, which the pages answer with 404."""
        if year not in sane_years():
            raise ValueError(f"year out of range: {year}")
        return cls(year, half)


def half_year_of(day: date) -> tuple[date, date]:
    """The half-year (Jan–Jun or Jul–Dec) containing `day`."""
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def year_earlier(day: date) -> date:
    """The same day a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def period_year_earlier(start: date, end: date) -> tuple[date, date]:
    """The same period a year earlier; a period ending on a month's last day keeps doing so."""
    shifted_end = year_earlier(end)
    if (end + timedelta(days=1)).day == 1:
        shifted_end = (shifted_end.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
            days=1)
    return year_earlier(start), shifted_end
