"""Every app's figures for a period and the same period a year earlier, in one place.

`reports` composes the domain apps' `figures.for_period()`; it never queries their models.
"""

from dataclasses import dataclass

from activities import figures as activity_figures
from aid import figures as aid_figures
from core.periods import Period
from economy import figures as economy_figures
from pairings import figures as pairing_figures
from unions import figures as union_figures

MEMBER_TREND_PERIODS = 6  # members at the end of the last six half-years (a chart)


@dataclass(frozen=True, kw_only=True)
class AllFigures:
    unions: union_figures.UnionFigures
    aid: aid_figures.AidFigures
    pairings: pairing_figures.PairingFigures
    economy: economy_figures.EconomyFigures
    activities: activity_figures.ActivityFigures


def for_period(period: Period, *, members: union_figures.Counts | None = None) -> AllFigures:
    """The five apps' figures for one period (a fixed number of queries). `members`: the
    unions' counts at the period's end since its start, when already known (`summary_data`)."""
    start, end = period.start, period.end
    return AllFigures(
        unions=union_figures.for_period(start, end, at_end=members),
        aid=aid_figures.for_period(start, end),
        pairings=pairing_figures.for_period(start, end),
        economy=economy_figures.for_period(start, end),
        activities=activity_figures.for_period(start, end),
    )


def summary_data(period: Period) -> tuple[AllFigures, AllFigures, list[tuple[str, int]]]:
    """The figures of `period`, of the same period a year earlier and the member trend: what
    the summary shows, with the members at all their dates counted in one query."""
    before = period.year_earlier()
    halves = trend_periods(period)
    counts = union_figures.counts_at(
        [period.end, before.end, *(half.end for half in halves)],
        since={period.end: period.start, before.end: before.start})
    return (for_period(period, members=counts[period.end]),
            for_period(before, members=counts[before.end]),
            _trend(halves, {day: found.members for day, found in counts.items()}))


@dataclass(frozen=True, kw_only=True)
class AllLinks:
    """Each app's drill-down links for one period: the records behind its figures."""

    unions: union_figures.UnionLinks
    aid: aid_figures.AidLinks
    pairings: pairing_figures.PairingLinks
    economy: economy_figures.EconomyLinks
    activities: activity_figures.ActivityLinks


def links_for(period: Period, now: AllFigures) -> AllLinks:
    """The five apps' drill-down links for one period and its figures `now` (no query)."""
    start, end = period.start, period.end
    return AllLinks(
        unions=union_figures.links(start, end),
        aid=aid_figures.links(start, end),
        pairings=pairing_figures.links(start, end, now.pairings.round_name),
        economy=economy_figures.links(start, end),
        activities=activity_figures.links(start, end),
    )


def trend_periods(period: Period) -> list[Period]:
    """The half-year containing the period's end and the ones before it, oldest first."""
    halves, current = [], Period.containing(period.end)
    for _ in range(MEMBER_TREND_PERIODS):
        halves.append(current)
        current = (Period(current.year, "h1") if current.half == "h2"
                   else Period(current.year - 1, "h2"))
    return list(reversed(halves))


def _trend(halves: list[Period], members: dict) -> list[tuple[str, int]]:
    trend = [(f"{p.year}{'上' if p.half == 'h1' else '下'}", members[p.end]) for p in halves]
    while trend and not trend[0][1]:  # no returns yet: nothing to draw
        trend.pop(0)
    return trend


def data_years() -> set[int]:
    """Years in which any app has records (for the list of periods)."""
    years: set[int] = set()
    for module in (union_figures, aid_figures, pairing_figures, economy_figures,
                   activity_figures):
        years |= module.years_with_data()
    return years
