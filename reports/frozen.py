"""A document frozen as JSON (what a publication stores) and read back, whichever schema froze it.

Schema 1 (no `schema` key) froze a figure as its text, link and year-earlier comparison as text,
and numbers of tables and charts as floats; schema 2 adds each figure's value, year-earlier value
and unit, and writes decimals as strings so that no float ever holds money.
"""

from decimal import Decimal

from core.periods import Period

from .document import (
    SCHEMA,
    Bar,
    Cell,
    Chart,
    Document,
    Figure,
    Number,
    Part,
    Section,
    Table,
    Text,
)


def _number_out(value: Number | None) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def _number_in(value: float | str | int | None) -> Number | None:
    if value is None or isinstance(value, int):
        return value
    return Decimal(str(value))  # a string (schema 2) or a float (schema 1)


def _part_out(part: Part) -> dict:
    if isinstance(part, Text):
        return {"text": part.text}
    data = {"text": part.text, "url": part.url}
    if part.value is not None:
        data.update(value=_number_out(part.value), unit=part.unit)
    if part.before is not None:
        data.update(before=_number_out(part.before), previous=part.previous, change=part.change)
    return data


def _part_in(data: dict) -> Part:
    if "url" not in data:  # in every schema, a part with a link is a figure
        return Text(text=data["text"])
    return Figure(text=data["text"], url=data["url"], value=_number_in(data.get("value")),
                  before=_number_in(data.get("before")), unit=data.get("unit", ""),
                  previous=data.get("previous", ""), change=data.get("change", ""))


def dump(document: Document) -> dict:
    """The document as JSON data, with its schema version (what a publication stores)."""
    period = document.period
    return {
        "schema": document.schema,
        "title": document.title,
        "federation": document.federation,
        "period": {"year": period.year, "half": period.half, "label": period.label,
                   "start": period.start.isoformat(), "end": period.end.isoformat()},
        "opening": document.opening,
        "sections": [
            {"key": s.key, "number": s.number, "heading": s.heading, "remark": s.remark,
             "paragraphs": [[_part_out(part) for part in paragraph] for paragraph in s.paragraphs]}
            for s in document.sections
        ],
        "plans_heading": document.plans_heading,
        "plans": document.plans,
        "tables": [
            {"key": t.key, "title": t.title, "headers": list(t.headers),
             "rows": [[_number_out(cell) if i else cell for i, cell in enumerate(row)]
                      for row in t.rows],
             "totals": [_number_out(cell) if i else cell for i, cell in enumerate(t.totals)]}
            for t in document.tables
        ],
        "charts": [{"key": c.key, "title": c.title,
                    "bars": [[bar.label, _number_out(bar.value)] for bar in c.bars]}
                   for c in document.charts],
    }


def _row_in(row: list) -> tuple[Cell, ...]:
    return tuple(cell if index == 0 else _number_in(cell) for index, cell in enumerate(row))


def load(data: dict) -> Document:
    """A document frozen as JSON by any schema version (1 has no `schema` key)."""
    schema = data.get("schema", 1)
    if schema > SCHEMA:
        raise ValueError(f"document schema {schema} is newer than this code ({SCHEMA})")
    period = data["period"]
    return Document(
        schema=schema,
        title=data["title"],
        federation=data["federation"],
        period=Period(period["year"], period["half"]),
        opening=data["opening"],
        sections=tuple(
            Section(key=s["key"], number=s["number"], heading=s["heading"],
                    remark=s["remark"],
                    paragraphs=tuple(tuple(_part_in(part) for part in paragraph)
                                     for paragraph in s["paragraphs"]))
            for s in data["sections"]
        ),
        plans_heading=data["plans_heading"],
        plans=data["plans"],
        tables=tuple(
            Table(key=t["key"], title=t["title"], headers=tuple(t["headers"]),
                  rows=tuple(_row_in(row) for row in t["rows"]), totals=_row_in(t["totals"]))
            for t in data["tables"]
        ),
        charts=tuple(
            Chart(key=c["key"], title=c["title"],
                  bars=tuple(Bar(label=label, value=_number_in(value))
                             for label, value in c["bars"]))
            for c in data["charts"]
        ),
    )
