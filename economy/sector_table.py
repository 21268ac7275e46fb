"""The sector table (value added by sector, share, change on a year earlier), page and export."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.money import percent
from core.periods import period_year_earlier

from . import figures

# The bar chart's geometry, in SVG user units.
CHART_LABEL_HEIGHT = 18
CHART_BAR_HEIGHT = 16
CHART_ROW_HEIGHT = 44
CHART_BAR_SPACE = 560
CHART_WIDTH = 720  # bars plus room for the value written after the longest one


@dataclass(frozen=True)
class SectorRow:
    sector: str
    label: str
    value_added: Decimal
    share: Decimal | None  # percent of the period's total
    year_earlier: Decimal
    change: Decimal | None  # percent change on the same period a year earlier
    bar_width: Decimal  # SVG units, the largest sector fills CHART_BAR_SPACE
    label_y: int
    bar_y: int
    value_x: Decimal
    value_y: int


@dataclass(frozen=True)
class SectorTable:
    start: date
    end: date
    earlier_start: date
    earlier_end: date
    rows: tuple[SectorRow, ...]
    total: Decimal
    total_year_earlier: Decimal
    total_change: Decimal | None
    target: Decimal | None
    completion: Decimal | None
    grants_in_period: Decimal
    grants_cumulative: Decimal
    households: int  # active at the end
    chart_height: int
    chart_width: int = CHART_WIDTH
    bar_height: int = CHART_BAR_HEIGHT


def change(now: Decimal, before: Decimal) -> Decimal | None:
    """Percent change from `before` to `now`; None when there was nothing before."""
    return percent(now - before, before)


def sector_table(start: date, end: date) -> SectorTable:
    """The table for [start, end] beside the same period a year earlier (eight queries)."""
    earlier_start, earlier_end = period_year_earlier(start, end)
    now = figures.for_period(start, end)
    before = figures.for_period(earlier_start, earlier_end)
    largest = max((s.value_added for s in now.by_sector), default=Decimal(0))
    rows = []
    for index, (current, previous) in enumerate(zip(now.by_sector, before.by_sector,
                                                    strict=True)):
        top = index * CHART_ROW_HEIGHT
        width = ((current.value_added * CHART_BAR_SPACE / largest) if largest
                 else Decimal(0)).quantize(Decimal("0.1"))
        rows.append(SectorRow(
            sector=current.sector, label=current.label, value_added=current.value_added,
            share=percent(current.value_added, now.value_added),
            year_earlier=previous.value_added,
            change=change(current.value_added, previous.value_added),
            bar_width=width, label_y=top + CHART_LABEL_HEIGHT - 4,
            bar_y=top + CHART_LABEL_HEIGHT, value_x=width + 6,
            value_y=top + CHART_LABEL_HEIGHT + CHART_BAR_HEIGHT - 3,
        ))
    return SectorTable(
        start=start, end=end, earlier_start=earlier_start, earlier_end=earlier_end,
        rows=tuple(rows), total=now.value_added, total_year_earlier=before.value_added,
        total_change=change(now.value_added, before.value_added),
        target=now.target, completion=now.completion, grants_in_period=now.grants_in_period,
        grants_cumulative=now.grants_cumulative, households=now.households,
        chart_height=len(rows) * CHART_ROW_HEIGHT,
    )
