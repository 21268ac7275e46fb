"""A small server-rendered column chart of members over time (inline SVG, no script, no style).

The columns' lengths come from `core.charts.bars` (the one scaling rule: the tallest fills the
plot); this module only stands them upright, oldest on the left, with their dates below.
"""

from dataclasses import dataclass

from core.charts import bars

from .models import HeadcountReturn

WIDTH, HEIGHT = 640, 200
TOP, BOTTOM, LEFT = 20, 30, 10
MAX_BARS = 12


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    value: int
    label: str


@dataclass(frozen=True)
class MembersChart:
    width: int
    height: int
    baseline: float
    bars: tuple[Column, ...]


def members_chart(returns: list[HeadcountReturn]) -> MembersChart | None:
    """Columns of the members at the latest returns (oldest on the left); None without returns."""
    shown = sorted(returns, key=lambda r: r.as_of)[-MAX_BARS:]
    if not shown:
        return None
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * LEFT) / len(shown)
    column_width = min(slot * 0.6, 60)
    columns = []
    scaled = bars([(ret.as_of.isoformat(), ret.members, "") for ret in shown])
    for index, bar in enumerate(scaled):
        height = plot_height * float(bar.width) / 100
        centre = LEFT + slot * index + slot / 2
        columns.append(Column(
            x=round(centre - column_width / 2, 1), y=round(TOP + plot_height - height, 1),
            width=round(column_width, 1), height=round(height, 1), label_x=round(centre, 1),
            value=bar.value, label=bar.label,
        ))
    return MembersChart(WIDTH, HEIGHT, TOP + plot_height, tuple(columns))
