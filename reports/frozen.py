"""A document frozen as JSON (what a publication stores) and read back, whichever schema froze it.

Schema 1 (no `schema` key) froze a figure as its text, link and year-earlier comparison as text,
and numbers of tables and charts as floats; schema 2 added each figure's value, year-earlier value
and unit, and writes decimals as strings so that no float ever holds money. Schema 3 freezes
paragraphs as keyed sentences, a section's lead-in, the addressee, the sign-off date, each
figure's tally and a table's note. A paragraph of schemas 1 and 2 reads back as one sentence; what
they did not have reads back empty, so an old publication renders as it was published.
"""

from datetime import date
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
    Paragraph,
    Part,
    Section,
    Sentence,
    Table,
    Text,
)


def _number_out(value: Number | None) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def _number_in(value: float | str | int | None) -> Number | None:
    if value is None or isinstance(value, int):
        return value
    return Decimal(str(value))  # a string (schema 2 on) or a float (schema 1)


def _part_out(part: Part) -> dict:
    if isinstance(part, Text):
        return {"text": part.text}
    data = {"text": part.text, "url": part.url}
    if part.value is not None:
        data.update(value=_number_out(part.value), unit=part.unit, tally=part.tally)
    if part.before is not None:
        data.update(before=_number_out(part.before), previous=part.previous, change=part.change)
    return data


def _part_in(data: dict) -> Part:
    if "url" not in data:  # in every schema, a part with a link is a figure
        return Text(text=data["text"])
    return Figure(text=data["text"], url=data["url"], value=_number_in(data.get("value")),
                  before=_number_in(data.get("before")), unit=data.get("unit", ""),
                  previous=data.get("previous", ""), change=data.get("change", ""),
                  tally=data.get("tally", ""))


def _paragraph_in(data: list | dict, key: str) -> Paragraph:
    if isinstance(data, list):  # schemas 1 and 2: a list of parts
        return Paragraph(sentences=(Sentence(key=key, parts=tuple(map(_part_in, data))),))
    return Paragraph(sentences=tuple(
        Sentence(key=s["key"], parts=tuple(map(_part_in, s["parts"])))
        for s in data["sentences"]))


def _cells_out(row: tuple[Cell, ...]) -> list:
    return [_number_out(cell) if index else cell for index, cell in enumerate(row)]


def dump(document: Document) -> dict:
    """The document as JSON data, with its schema version (what a publication stores)."""
    period = document.period
    return {
        "schema": document.schema,
        "title": document.title,
        "federation": document.federation,
        "addressee": document.addressee,
        "period": {"year": period.year, "half": period.half, "label": period.label,
                   "start": period.start.isoformat(), "end": period.end.isoformat()},
        "opening": document.opening,
        "body_heading": document.body_heading,
        "sections": [
            {"key": s.key, "number": s.number, "heading": s.heading, "lead": s.lead,
             "remark": s.remark,
             "paragraphs": [{"sentences": [{"key": sentence.key,
                                            "parts": [_part_out(p) for p in sentence.parts]}
                                           for sentence in paragraph.sentences]}
                            for paragraph in s.paragraphs]}
            for s in document.sections
        ],
        "plans_heading": document.plans_heading,
        "plans": document.plans,
        "signed_on": document.signed_on.isoformat() if document.signed_on else None,
        "tables": [
            {"key": t.key, "title": t.title, "headers": list(t.headers),
             "rows": [_cells_out(row) for row in t.rows], "totals": _cells_out(t.totals),
             "note": t.note}
            for t in document.tables
        ],
        "charts": [{"key": c.key, "title": c.title,
                    "bars": [[bar.label, _number_out(bar.value)] for bar in c.bars]}
                   for c in document.charts],
    }


def _row_in(row: list) -> tuple[Cell, ...]:
    return tuple(cell if index == 0 else _number_in(cell) for index, cell in enumerate(row))


def _section_in(data: dict) -> Section:
    return Section(
        key=data["key"], number=data.get("number", ""), heading=data["heading"],
        lead=data.get("lead", ""), remark=data["remark"],
        paragraphs=tuple(_paragraph_in(paragraph, f"{data['key']}.{index}")
                         for index, paragraph in enumerate(data["paragraphs"], start=1)))


def load(data: dict) -> Document:
    """A document frozen as JSON by any schema version (1 has no `schema` key)."""
    schema = data.get("schema", 1)
    if schema > SCHEMA:
        raise ValueError(f"document schema {schema} is newer than this code ({SCHEMA})")
    period = data["period"]
    signed_on = data.get("signed_on")
    return Document(
        schema=schema,
        title=data["title"],
        federation=data["federation"],
        addressee=data.get("addressee", ""),
        period=Period(period["year"], period["half"]),
        opening=data["opening"],
        body_heading=data.get("body_heading", "一、各项工作开展情况"),
        sections=tuple(_section_in(section) for section in data["sections"]),
        plans_heading=data["plans_heading"],
        plans=data["plans"],
        signed_on=date.fromisoformat(signed_on) if signed_on else None,
        tables=tuple(
            Table(key=t["key"], title=t["title"], headers=tuple(t["headers"]),
                  rows=tuple(_row_in(row) for row in t["rows"]), totals=_row_in(t["totals"]),
                  note=t.get("note", ""))
            for t in data["tables"]
        ),
        charts=tuple(
            Chart(key=c["key"], title=c["title"],
                  bars=tuple(Bar(label=label, value=_number_in(value))
                             for label, value in c["bars"]))
            for c in data["charts"]
        ),
    )
