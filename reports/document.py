"""The half-year summary as a document: typed sections of sentences whose numbers come from figures.

A `Document` is plain, frozen data so that the page, the Word file and the workbook all render the
same thing, and a publication freezes it as JSON with its `schema` version (reports.frozen reads
every version back). Its text is Chinese: the summary is a Chinese official document (the page
around it is translated as usual). Each app's figures module gives the figures, their drill-down
links and the names of its categories; this module only writes the sentences around them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from core.money import wan, wan_number, yuan
from core.periods import Period
from pairings.figures import sector_label
from unions.figures import kind_label

if TYPE_CHECKING:  # the document only reads the figures and links it is given
    from pairings.figures import PairingFigures

    from .figures import AllFigures, AllLinks

SCHEMA = 2  # the version of these types; reports.frozen reads every earlier one

Number = int | Decimal
WAN, YUAN, PERCENT = "万元", "元", "%"  # money values are in yuan whatever the unit written


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
    change: str = ""  # value − before as written ("+25人", "−204人"); "" when equal


Part = Text | Figure
Paragraph = tuple[Part, ...]
Cell = str | Number


@dataclass(frozen=True, kw_only=True)
class Section:
    key: str  # economy, pairings, aid, organisation, own_work (remark_<key> in the narrative)
    number: str  # "1、"
    heading: str
    paragraphs: tuple[Paragraph, ...]
    remark: str


@dataclass(frozen=True, kw_only=True)
class Table:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]  # a label, then numbers
    totals: tuple[Cell, ...]


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
    """The whole summary of a period."""

    schema: int
    title: str
    federation: str
    period: Period
    opening: str
    sections: tuple[Section, ...]
    plans_heading: str
    plans: str
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...]

    def figure_texts(self) -> list[str]:
        """Every figure of the document as written, in order (to tell whether figures changed)."""
        return [part.text for section in self.sections for paragraph in section.paragraphs
                for part in paragraph if isinstance(part, Figure)]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


def plain_text(paragraph: Paragraph) -> str:
    """A paragraph as plain text (figures as written, without links)."""
    return "".join(part.text for part in paragraph)


# Writing figures -------------------------------------------------------------------------------

def written(value: Number, unit: str, places: int = 2) -> str:
    """A value as the summary writes it: 8747人, 6.65万元 (25万元 when whole), 70,000元, 54.5%."""
    if unit == WAN:
        if Decimal(wan_number(value, places)) == Decimal(wan_number(value, 0)):
            places = 0
        return wan(value, places)
    if unit == YUAN:
        return yuan(value)
    if unit == PERCENT:
        return f"{Decimal(value):.1f}%"
    return f"{value}{unit}"


def figure(value: Number, before: Number | None, unit: str, url: str,
           places: int = 2) -> Figure:
    """A figure written with its unit, compared with `before` when there is one."""
    text = written(value, unit, places)
    if before is None:
        return Figure(text=text, url=url, value=value, unit=unit)
    delta = Decimal(value) - Decimal(before)
    change = ""
    if delta:
        size = delta.copy_abs()
        shown = (written(size, unit, places) if unit in (WAN, YUAN)
                 else f"{size.normalize():f}{unit}")
        change = ("+" if delta > 0 else "−") + shown
    return Figure(text=text, url=url, value=value, before=before, unit=unit,
                  previous=written(before, unit, places), change=change)


class _Writer:
    """One paragraph, written in order: text and figures."""

    def __init__(self, text: str = "") -> None:
        self._parts: list[Part] = [Text(text=text)] if text else []

    def text(self, text: str) -> "_Writer":
        self._parts.append(Text(text=text))
        return self

    def figure(self, value: Number, before: Number | None, unit: str, url: str,
               places: int = 2) -> "_Writer":
        self._parts.append(figure(value, before, unit, url, places))
        return self

    def name(self, text: str, url: str) -> "_Writer":
        self._parts.append(Figure(text=text, url=url))
        return self

    def paragraph(self) -> Paragraph:
        return tuple(self._parts)


# The document ----------------------------------------------------------------------------------

def build(period: Period, federation: str, now: "AllFigures", before: "AllFigures",
          links: "AllLinks", narrative: dict[str, str], trend: list[tuple[str, int]],
          ) -> Document:
    """The whole document for a period, with the year-earlier figures where they exist."""
    parts = [
        ("economy", "职工自营经济工作", _economy(now, before, links, period)),
        ("pairings", "扶贫创业工程运行态势良好", _pairings(now, before, links, period)),
        ("aid", "全面深入地抓好困难职工帮扶和救助工作", _aid(now, before, links, period)),
        ("organisation", "积极稳妥地搞好工会基层组织建设",
         _organisation(now, before, links, period)),
        ("own_work", "严肃认真地抓好总工会机关自身建设", ()),
    ]
    return Document(
        schema=SCHEMA,
        title=f"{federation}{period.label}工作总结",
        federation=federation,
        period=period,
        opening=narrative.get("opening", ""),
        sections=tuple(
            Section(key=key, number=f"{number}、", heading=heading, paragraphs=paragraphs,
                    remark=narrative.get(f"remark_{key}", ""))
            for number, (key, heading, paragraphs) in enumerate(parts, start=1)
        ),
        plans_heading=f"二、{period.next_label}工作要点",
        plans=narrative.get("plans", ""),
        tables=_tables(now),
        charts=_charts(now, trend),
    )


def _economy(now: "AllFigures", before: "AllFigures", links: "AllLinks",
             period: Period) -> tuple[Paragraph, ...]:
    u, e, to = now.unions, now.economy, links.economy
    bu, be = before.unions, before.economy
    p = _Writer(f"据统计，截至{_date(period.end)}，全县共有职工")
    p.figure(u.workers, bu.workers, "人", links.unions.active)
    p.text("（其中在职职工").figure(u.employed, bu.employed, "人", links.unions.active)
    p.text("、下岗职工").figure(u.laid_off, bu.laid_off, "人", links.unions.active)
    p.text("），全县职工自营经济实现增加值")
    p.figure(e.value_added, be.value_added, WAN, to.value_added)
    p.text("，其中：")
    before_by_sector = {s.sector: s.value_added for s in be.by_sector}
    for index, sector in enumerate(e.by_sector):
        p.text(("、" if index else "") + sector.label)
        p.figure(sector.value_added, before_by_sector.get(sector.sector), WAN,
                 to.sectors[sector.sector])
    p.text("。")
    if e.completion is not None:
        p.text("完成全年任务").figure(e.completion, be.completion, PERCENT, to.completion)
        p.text("。")
    grants = _Writer("充分发挥职工自营经济发展基金的引导作用，累计投放扶持资金")
    grants.figure(e.grants_cumulative, be.grants_cumulative, WAN, to.grants_cumulative)
    grants.text("，其中本期投放")
    grants.figure(e.grants_in_period, be.grants_in_period, WAN, to.grants_in_period)
    grants.text("。")
    return p.paragraph(), grants.paragraph()


def _pairings(now: "AllFigures", before: "AllFigures", links: "AllLinks",
              period: Period) -> tuple[Paragraph, ...]:
    f, to = now.pairings, links.pairings
    b = before.pairings
    p = _Writer(f"{f.round_name}“一帮一”扶贫创业工程共有")
    p.figure(f.officials, b.officials, "名", to.pairs)
    p.text("处级领导和").figure(f.units, b.units, "个", to.pairs)
    p.text("帮扶单位与被帮扶对象结成了帮扶对子，其中：帮扶困难职工")
    p.figure(f.worker_pairs, b.worker_pairs, "个", to.worker_pairs)
    p.text("，帮扶创业基地").figure(f.base_pairs, b.base_pairs, "个", to.base_pairs)
    p.text("。启动帮扶项目").figure(f.projects, b.projects, "个", to.projects)
    sectors = [(key, count) for key, count in f.projects_by_sector.items() if count]
    if sectors:
        p.text("，其中：")
        for index, (key, count) in enumerate(sectors):
            p.text(("，" if index else "") + sector_label(key))
            p.figure(count, b.projects_by_sector[key], "个", to.project_sectors[key])
    p.text("。")

    funds = _Writer("帮扶单位与县总工会已筹措帮扶资金")
    funds.figure(f.funds_raised, b.funds_raised, WAN, to.funds_raised)
    funds.text("（其中：已注入帮扶启动资金")
    funds.figure(f.funds_injected, b.funds_injected, WAN, to.funds_injected)
    funds.text("），共扶持帮助").figure(f.funded_workers, b.funded_workers, "名",
                                  to.projects)
    funds.text("困难职工发展了").figure(f.funded_projects, b.funded_projects, "个",
                                 to.projects)
    funds.text("创业项目。")
    if f.exit_target is not None:
        funds.text("目前已脱贫").figure(f.exited_pairs, b.exited_pairs, "户",
                                   to.exited_pairs)
        funds.text(f"，年末被帮扶对象脱贫率目标为{written(f.exit_target, PERCENT)}。")
    return p.paragraph(), funds.paragraph(), _students(f, b, to.student_aid, period)


def _students(f: "PairingFigures", b: "PairingFigures", url: str, period: Period) -> Paragraph:
    money_of = "下半年" if period.half == "h2" else "本年度"  # the money is the period's
    s = _Writer("另外，全县").figure(f.branches, b.branches, "个", url)
    s.text("基层党支部与").figure(f.students, b.students, "名", url)
    s.text(f"困难学生结成帮扶对子，{money_of}收到基层党组织助学资助款")
    s.figure(f.donations_received, b.donations_received, WAN, url, places=3)
    if f.donations_received and f.donations_disbursed >= f.donations_received:
        s.text("，已全部下拨到困难学生手中。")
    else:
        s.text("，已下拨")
        s.figure(f.donations_disbursed, b.donations_disbursed, WAN, url, places=3)
        s.text("。")
    return s.paragraph()


def _aid(now: "AllFigures", before: "AllFigures", links: "AllLinks",
         period: Period) -> tuple[Paragraph, ...]:
    a, to = now.aid, links.aid
    b = before.aid
    p = _Writer(f"{period.label}，县总工会共走访慰问特困职工")
    p.figure(a.visited_workers, b.visited_workers, "人", to.visits)
    p.text("，发放慰问金").figure(a.visit_money, b.visit_money, WAN, to.visits)
    p.text("。通过入户救助和现场救助等方式，救助困难职工")
    p.figure(a.relief_workers, b.relief_workers, "人", to.relief)
    p.text("，发放救助资金").figure(a.relief_money, b.relief_money, YUAN, to.relief)
    p.text("。其中生活救助").figure(a.living_money, b.living_money, YUAN, to.living)
    p.text("；医疗救助").figure(a.medical_money, b.medical_money, YUAN, to.medical)
    p.text("；助学救助").figure(a.education_money, b.education_money, YUAN,
                            to.education)
    p.text("。")
    return (p.paragraph(),)


def _organisation(now: "AllFigures", before: "AllFigures", links: "AllLinks",
                  period: Period) -> tuple[Paragraph, ...]:
    u, to = now.unions, links.unions
    b = before.unions
    p = _Writer("目前，全县共有基层工会组织")
    p.figure(u.unions_active, b.unions_active, "个", to.active)
    p.text("，会员").figure(u.members, b.members, "人", to.active)
    p.text(f"，其中{period.half_label}新建工会组织")
    p.figure(u.founded, b.founded, "个", to.founded)
    kinds = [(kind, count) for kind, count in u.founded_by_kind.items() if count]
    if kinds:
        p.text("（" + "，".join(f"{kind_label(kind)}{count}个" for kind, count in kinds) + "）")
    p.text("，新入会会员").figure(u.joined, b.joined, "人", to.active)
    p.text("。")
    paragraphs = [p.paragraph()]
    if u.joint_unions:
        joint = _Writer("按照建立行业联合工会的要求，全县已成立")
        joint.text("、".join(u.joint_unions))
        joint.text("等").figure(len(u.joint_unions), None, "个", to.joint)
        joint.text("行业工会联合会。")
        paragraphs.append(joint.paragraph())
    if now.activities.count:
        paragraphs.append(_activities(now, before, links, period))
    return tuple(paragraphs)


def _activities(now: "AllFigures", before: "AllFigures", links: "AllLinks",
                period: Period) -> Paragraph:
    acts = now.activities
    p = _Writer(f"{period.label}共组织、参加文体活动")
    p.figure(acts.count, before.activities.count, "项", links.activities.activities)
    p.text("：")
    for index, item in enumerate(acts.activities):
        p.text(("；" if index else "") + f"{item.held_on.month}月{item.held_on.day}日")
        if item.co_organisers:
            p.text(f"与{item.co_organisers}")
        p.text("参加" if item.joined else "举办")
        p.name(item.title, item.url)
        if item.awards:
            p.text(f"，{item.awards}")
    p.text("。")
    return p.paragraph()


def _wan_number(amount: Decimal) -> Decimal:
    return Decimal(wan_number(amount))


def _tables(now: "AllFigures") -> tuple[Table, ...]:
    e, a, p, u = now.economy, now.aid, now.pairings, now.unions
    return (
        Table(key="economy", title="职工自营经济增加值（万元）", headers=("行业", "增加值（万元）"),
              rows=tuple((s.label, _wan_number(s.value_added)) for s in e.by_sector),
              totals=("合计", _wan_number(e.value_added))),
        Table(key="pairings", title="帮扶项目（个）", headers=("行业", "项目数"),
              rows=tuple((sector_label(key), count)
                         for key, count in p.projects_by_sector.items()),
              totals=("合计", p.projects)),
        Table(key="aid", title="困难职工帮扶救助", headers=("项目", "人数", "金额（元）"),
              rows=(("送温暖慰问", a.visited_workers, a.visit_money),
                    ("生活救助", a.living_workers, a.living_money),
                    ("医疗救助", a.medical_workers, a.medical_money),
                    ("助学救助", a.education_workers, a.education_money)),
              totals=("救助合计（不含慰问）", a.relief_workers, a.relief_money)),
        Table(key="unions", title="基层工会组织", headers=("项目", "数量"),
              rows=(("基层工会（个）", u.unions_active), ("会员（人）", u.members),
                    ("新建工会（个）", u.founded), ("新入会会员（人）", u.joined),
                    ("在职职工（人）", u.employed), ("下岗职工（人）", u.laid_off)),
              totals=("职工合计（人）", u.workers)),
    )


def _charts(now: "AllFigures", trend: list[tuple[str, int]]) -> tuple[Chart, ...]:
    a = now.aid
    return (
        Chart(key="economy", title="各行业增加值（万元）",
              bars=tuple(Bar(label=s.label, value=_wan_number(s.value_added))
                         for s in now.economy.by_sector)),
        Chart(key="aid", title="救助资金（元）",
              bars=(Bar(label="慰问", value=a.visit_money), Bar(label="生活", value=a.living_money),
                    Bar(label="医疗", value=a.medical_money),
                    Bar(label="助学", value=a.education_money))),
        Chart(key="members", title="会员人数",
              bars=tuple(Bar(label=label, value=n) for label, n in trend)),
    )


def _date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
