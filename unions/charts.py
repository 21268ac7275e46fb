"""A small server-rendered bar chart of members over time (inline SVG, no script, no style)."""

from dataclasses import dataclass

from .models import HeadcountReturn

WIDTH, HEIGHT = 640, 200
TOP, BOTTOM, LEFT = 20, 30, 10
MAX_BARS = 12


@dataclass(frozen=True)
class Bar:
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
    bars: tuple[Bar, ...]


def members_chart(returns: list[HeadcountReturn]) -> MembersChart | None:
    """Bars of the members at the latest returns (oldest on the left); None without returns."""
    shown = sorted(returns, key=lambda r: r.as_of)[-MAX_BARS:]
    if not shown:
        return None
    peak = max(max(r.members for r in shown), 1)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * LEFT) / len(shown)
    bar_width = min(slot * 0.6, 60)
    bars = []
    for index, ret in enumerate(shown):
        height = plot_height * ret.members / peak
        centre = LEFT + slot * index + slot / 2
        bars.append(Bar(
            x=round(centre - bar_width / 2, 1), y=round(TOP + plot_height - height, 1),
            width=round(bar_width, 1), height=round(height, 1), label_x=round(centre, 1),
            value=ret.members, label=ret.as_of.isoformat(),
        ))
    return MembersChart(WIDTH, HEIGHT, TOP + plot_height, tuple(bars))
