"""The summary as a document: typed sections of sentences whose numbers come from figures.

A `Document` is plain, frozen data so that the page, the Word file and the workbook all render the
same thing, and a publication freezes it as JSON with its `schema` version (reports.frozen reads
every version back). Its text is Chinese, whatever the interface language: the summary is a
Chinese official document. reports.writing composes it from the apps' figures; this module holds
the types and how a number is written.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.money import percent, wan, wan_number, yuan
from core.periods import Period

# 3: sentences with keys (a person may drop one), headings and lead-ins, addressee and sign-off,
# year-earlier comparisons in words, each figure's tally, table notes (reports.frozen reads 1-3)
SCHEMA = 3

Number = int | Decimal
WAN, YUAN, PERCENT = "万元", "元", "%"  # money values are in yuan whatever the unit written
MONEY_UNITS = (WAN, YUAN)


@dataclass(frozen=True, kw_only=True)
class Text:
    text: str


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A figure of the summary: as written, its value and a year earlier, its unit, its records.

    A name (an activity) and a figure of a first-version publication have text and link only.
    """

    text: str  # as the summary writes it: "8747人", "6.65万元", "54.5%", an activity's title
    url: str  # the records behind it
    value: Number | None = None
    before: Number | None = None  # the same period a year earlier; None when not compared
    unit: str = ""  # 人, 个, 名, 户, 项, %, 元, 万元
    previous: str = ""  # `before` as written
    change: str = ""  # the change in words: "同比增长0.4%", "同比下降3.6个百分点"
    tally: str = ""  # which total of the linked list equals the figure ("count", "workers"…)


Part = Text | Figure


@dataclass(frozen=True, kw_only=True)
class Sentence:
    """A generated sentence; its `key` ("aid.relief") is what a person drops it by."""

    key: str
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return "".join(part.text for part in self.parts)


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    sentences: tuple[Sentence, ...]

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(part for sentence in self.sentences for part in sentence.parts)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(part for part in self.parts if isinstance(part, Figure))


Cell = str | Number


@dataclass(frozen=True, kw_only=True)
class Section:
    """A part of 一、: its heading (a person's, or the default), a lead-in written by a person,
    the generated paragraphs, and the remark after them. `number` is "（一）"…, "" when empty."""

    key: str  # economy, pairings, aid, organisation, own_work
    number: str
    heading: str
    lead: str
    paragraphs: tuple[Paragraph, ...]
    remark: str

    @property
    def is_empty(self) -> bool:
        """Nothing to say: no figure of the period and no text; the document leaves it out."""
        return not (self.paragraphs or self.lead.strip() or self.remark.strip())


@dataclass(frozen=True, kw_only=True)
class Table:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]  # a label, then numbers
    totals: tuple[Cell, ...]
    note: str = ""  # 注: e.g. that a people total counts each person once


@dataclass(frozen=True, kw_only=True)
class Bar:
    label: str
    value: Number


@dataclass(frozen=True, kw_only=True)
class Chart:
    key: str
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True, kw_only=True)
class Document:
    """The whole summary of a period, in the order of the official document (GB/T 9704)."""

    schema: int
    title: str
    federation: str  # the sender: also the sign-off (落款)
    addressee: str  # 主送, e.g. 伊春市总工会 ("" when none is set)
    period: Period
    opening: str
    body_heading: str  # 一、…
    sections: tuple[Section, ...]
    plans_heading: str  # 二、…
    plans: str
    signed_on: date | None  # the date of the sign-off (成文日期)
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...]

    @property
    def signed_words(self) -> str:
        """The sign-off's date as written (2012年7月6日), "" without one."""
        return date_words(self.signed_on) if self.signed_on else ""

    @property
    def parts(self) -> tuple[Section, ...]:
        """The sections with something to say, in order (what the exports print)."""
        return tuple(section for section in self.sections if not section.is_empty)

    def figures(self) -> list[Figure]:
        return [figure for section in self.sections for paragraph in section.paragraphs
                for figure in paragraph.figures]

    def figure_texts(self) -> list[str]:
        """Every figure of the document as written, in order (to tell whether figures changed)."""
        return [figure.text for figure in self.figures()]

    def sentences(self) -> list[Sentence]:
        return [sentence for section in self.sections for paragraph in section.paragraphs
                for sentence in paragraph.sentences]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


def plain_text(paragraph: Paragraph) -> str:
    """A paragraph as plain text (figures as written, without links)."""
    return "".join(sentence.text for sentence in paragraph.sentences)


def date_words(day: date) -> str:
    """2012年6月30日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


# Writing figures -------------------------------------------------------------------------------

def percent_text(value: Number) -> str:
    """54.5 -> "54.5", 100.0 -> "100" (one decimal at most, no trailing zero)."""
    value = Decimal(value).quantize(Decimal("0.1"))
    return f"{value.normalize():f}" if value else "0"


def written(value: Number, unit: str, places: int = 2) -> str:
    """A value as the summary writes it: 8747人, 6.65万元 (25万元 when whole), 70,000元, 54.5%,
    100%."""
    if unit == WAN:
        if Decimal(wan_number(value, places)) == Decimal(wan_number(value, 0)):
            places = 0
        return wan(value, places)
    if unit == YUAN:
        return yuan(value)
    if unit == PERCENT:
        return f"{percent_text(value)}%"
    return f"{value}{unit}"


def change_words(value: Number, before: Number, unit: str) -> str:
    """The change on the same period a year earlier as a person writes it: 同比增长0.4%,
    同比下降2%, 同比提高3.6个百分点, 与上年同期持平; 上年同期为零 when there is nothing to
    divide by."""
    delta = Decimal(value) - Decimal(before)
    if not delta:
        return "与上年同期持平"
    if unit == PERCENT:
        return f"同比{'提高' if delta > 0 else '下降'}{percent_text(delta.copy_abs())}个百分点"
    if not before:
        return "上年同期为零"
    rate = percent(delta.copy_abs(), Decimal(before))
    return f"同比{'增长' if delta > 0 else '下降'}{percent_text(rate)}%"


def figure(value: Number, before: Number | None, unit: str, url: str, *, tally: str,
           places: int = 2) -> Figure:
    """A figure written with its unit, compared with `before` when there is one."""
    text = written(value, unit, places)
    if before is None:
        return Figure(text=text, url=url, value=value, unit=unit, tally=tally)
    return Figure(text=text, url=url, value=value, before=before, unit=unit,
                  previous=written(before, unit, places),
                  change=change_words(value, before, unit), tally=tally)
