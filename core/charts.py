"""The one bar-chart helper: horizontal bars for inline SVG (the Content Security Policy allows
no style attributes, so bars are geometry, not CSS). Render with `core/_bars.html`."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal
    width: Decimal  # 0..100, the bar's length in the SVG's viewBox units
    url: str = ""
    text: str = ""  # the value as written beside the bar (e.g. "6.65万元"); "" for value+suffix


def bars(items: list[tuple[str, int | Decimal, str]], *, scale: int | Decimal | None = None,
         shown: Callable[[int | Decimal], str] | None = None) -> list[Bar]:
    """Bars for (label, value, url) items, the longest (or `scale`) filling the width.

    `shown` writes a value for the page (e.g. `core.money.wan`); without it the template writes
    the bare value followed by its `suffix`.
    """
    top = Decimal(scale if scale is not None else max((v for _l, v, _u in items), default=0))
    return [
        Bar(label, value,
            min(Decimal(100), (Decimal(value) * 100 / top).quantize(Decimal("0.1")))
            if top else Decimal(0), url, shown(value) if shown else "")
        for label, value, url in items
    ]
