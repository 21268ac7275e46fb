"""Bar charts as plain geometry for an inline SVG (no JavaScript, no CDN, CSP-safe)."""

BAR_HEIGHT, GAP, LABEL_WIDTH, PLOT_WIDTH, VALUE_WIDTH = 22, 8, 96, 300, 90


def bar_geometry(chart: dict) -> dict:
    """Rows of (label, value text, bar width, y) and the SVG's size."""
    bars = chart["bars"]
    top = max((value for _label, value in bars), default=0) or 1
    rows = []
    for index, (label, value) in enumerate(bars):
        y = index * (BAR_HEIGHT + GAP)
        shown = f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else (
            f"{value:,.0f}")
        rows.append({"label": label, "value": shown, "y": y, "text_y": y + BAR_HEIGHT - 6,
                     "width": max(1, round(PLOT_WIDTH * value / top)) if value else 0})
    return {
        "title": chart["title"], "key": chart["key"], "rows": rows,
        "height": len(bars) * (BAR_HEIGHT + GAP), "width": LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        "label_x": LABEL_WIDTH - 6, "bar_x": LABEL_WIDTH, "bar_height": BAR_HEIGHT,
        "value_offset": LABEL_WIDTH + 6,
    }
