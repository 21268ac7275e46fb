"""The summary's bar charts as plain geometry for an inline SVG (no JavaScript, no CDN, CSP-safe):
core.charts gives each bar's length, this lays the bars out with their labels and values."""

from dataclasses import dataclass
from decimal import Decimal

from core.charts import bars

from .document import Chart, Number

BAR_HEIGHT, GAP, LABEL_WIDTH, PLOT_WIDTH, VALUE_WIDTH = 22, 8, 96, 300, 90


@dataclass(frozen=True, kw_only=True)
class Row:
    label: str
    value: str  # as written beside the bar: 1,729.66; 10,220
    y: int
    text_y: int
    width: int  # 0 for nothing, at least 1 for any value


@dataclass(frozen=True, kw_only=True)
class SvgChart:
    key: str
    title: str
    rows: tuple[Row, ...]
    height: int
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    label_x: int = LABEL_WIDTH - 6
    bar_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    value_offset: int = LABEL_WIDTH + 6


def _shown(value: Number) -> str:
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def bar_geometry(chart: Chart) -> SvgChart:
    """Rows of (label, value as written, bar width, y) and the SVG's size."""
    rows = []
    for index, bar in enumerate(bars([(bar.label, bar.value, "") for bar in chart.bars])):
        y = index * (BAR_HEIGHT + GAP)
        width = max(1, round(PLOT_WIDTH * bar.width / 100)) if bar.value else 0
        rows.append(Row(label=bar.label, value=_shown(bar.value), y=y,
                        text_y=y + BAR_HEIGHT - 6, width=width))
    return SvgChart(key=chart.key, title=chart.title, rows=tuple(rows),
                    height=len(rows) * (BAR_HEIGHT + GAP))
