"""Periods chosen on the economy pages: half-years by default, the same period a year earlier."""

from datetime import date, timedelta


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
