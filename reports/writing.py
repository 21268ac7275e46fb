"""Writing the summary: each part's sentences from the apps' figures, in the period's template.

Each generated sentence has a key and is written only when it has something to say: a programme
without activity in the period gets no "0人" sentence (the warnings say what is missing), a stock
figure says the date of the returns it comes from when that is not the period's end, and money
is "发放" (paid out) only when all of it was paid. The first half, the second half and the whole
year each have their template: title, the words for the period, the annual target (the year so
far), and the plans of the next half or the next year. A person's headings, lead-ins, remarks and
dropped sentences (`Narrative`) are laid over the generated text.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from core.periods import Period
from pairings.figures import sector_label
from unions.figures import kind_label

from .document import (
    PERCENT,
    SCHEMA,
    WAN,
    YUAN,
    Document,
    Figure,
    Number,
    Paragraph,
    Part,
    Section,
    Sentence,
    Text,
    date_words,
    figure,
    percent_text,
)
from .tables import charts, tables

if TYPE_CHECKING:  # the writing only reads the figures and links it is given
    from economy.figures import EconomyFigures

    from .figures import AllFigures, AllLinks

SECTION_KEYS = ("economy", "pairings", "aid", "organisation", "own_work")
ORDINALS = "一二三四五六七八九十"
TITLES = {"h1": "上半年工作总结", "h2": "下半年工作总结", "year": "全年工作总结"}
HALF_WORDS = {"h1": "上半年", "h2": "下半年", "year": "全年"}  # 上半年新建工会组织2个
DEFAULT_HEADINGS = {
    "economy": "职工自营经济工作",
    "aid": "全面深入地抓好困难职工帮扶和救助工作",
    "organisation": "积极稳妥地搞好工会基层组织建设",
    "own_work": "严肃认真地抓好总工会机关自身建设",
}


@dataclass(frozen=True, kw_only=True)
class Narrative:
    """What people wrote around the generated text (reports.models.Summary)."""

    opening: str = ""
    plans: str = ""
    headings: dict[str, str] = field(default_factory=dict)  # section key -> heading ("": default)
    leads: dict[str, str] = field(default_factory=dict)  # before the generated sentences
    remarks: dict[str, str] = field(default_factory=dict)  # after them
    dropped: frozenset[str] = frozenset()  # keys of generated sentences left out
    signed_on: date | None = None


class _Sentence:
    """One sentence, written in order: text and figures."""

    def __init__(self, key: str, text: str = "") -> None:
        self.key = key
        self._parts: list[Part] = [Text(text=text)] if text else []

    def text(self, text: str) -> "_Sentence":
        self._parts.append(Text(text=text))
        return self

    def figure(self, value: Number, before: Number | None, unit: str, url: str, *,
               tally: str, places: int = 2) -> "_Sentence":
        self._parts.append(figure(value, before, unit, url, tally=tally, places=places))
        return self

    def name(self, text: str, url: str) -> "_Sentence":
        """A name that links to its record (an activity), not a number."""
        self._parts.append(Figure(text=text, url=url))
        return self

    def done(self) -> Sentence:
        return Sentence(key=self.key, parts=tuple(self._parts))


@dataclass(frozen=True)
class _Period:
    """What the sentences of one period read: its figures, a year earlier, the links."""

    period: Period
    now: "AllFigures"
    before: "AllFigures"
    links: "AllLinks"

    @property
    def end(self) -> date:
        return self.period.end

    @property
    def half_word(self) -> str:
        return HALF_WORDS[self.period.half]


def build(*, period: Period, federation: str, addressee: str, now: "AllFigures",
          before: "AllFigures", links: "AllLinks", narrative: Narrative,
          trend: list[tuple[str, int]]) -> Document:
    """The whole document of a period, with the year-earlier figures where they exist."""
    p = _Period(period, now, before, links)
    drafts = {"economy": _economy(p), "pairings": _pairings(p), "aid": _aid(p),
              "organisation": _organisation(p), "own_work": []}
    defaults = {**DEFAULT_HEADINGS, "pairings": _pairings_heading(p)}
    sections, count = [], 0
    for key in SECTION_KEYS:
        paragraphs = tuple(Paragraph(sentences=kept) for paragraph in drafts[key]
                           if (kept := tuple(s for s in paragraph
                                             if s.key not in narrative.dropped)))
        section = Section(key=key, number="",
                          heading=narrative.headings.get(key, "").strip() or defaults[key],
                          lead=narrative.leads.get(key, ""), paragraphs=paragraphs,
                          remark=narrative.remarks.get(key, ""))
        if not section.is_empty:
            count += 1
            section = replace(section, number=f"（{ORDINALS[count - 1]}）")
        sections.append(section)
    plans_for = "下半年" if period.half == "h1" else f"{period.year + 1}年"
    return Document(
        schema=SCHEMA,
        title=f"{federation}{period.year}年{TITLES[period.half]}",
        federation=federation,
        addressee=addressee,
        period=period,
        opening=narrative.opening,
        body_heading="一、各项工作开展情况",
        sections=tuple(sections),
        plans_heading=f"二、{plans_for}工作要点",
        plans=narrative.plans,
        signed_on=narrative.signed_on,
        tables=tables(now),
        charts=charts(now, trend),
    )


def counts_as_of(start: date | None, end: date | None, period_end: date) -> str:
    """The date of stock figures as the text says it: the returns' date when all share one,
    else the newest with the oldest in brackets ("2012年6月30日（各工会最近一次报表，最早为…）")."""
    if end is None:
        return date_words(period_end)
    if start is None or start == end:
        return date_words(end)
    return f"{date_words(end)}（各工会最近一次报表，最早为{date_words(start)}）"


def returned_to(economy: "EconomyFigures") -> date | None:
    """The latest end of the period's value-added returns (None without any)."""
    days = [s.returned_to for s in economy.by_sector if s.returned_to]
    return max(days) if days else None


# 一、(一) the self-employed economy -------------------------------------------------------------

def _economy(p: _Period) -> list[tuple[Sentence, ...]]:
    u, bu, to = p.now.unions, p.before.unions, p.links.unions
    first: list[Sentence] = []
    if u.workers:
        as_of = counts_as_of(u.counts_from, u.counts_to, p.end)
        s = _Sentence("economy.workers", f"据统计，截至{as_of}，全县共有职工")
        s.figure(u.workers, bu.workers, "人", to.members, tally="workers")
        s.text("（其中在职职工").figure(u.employed, bu.employed, "人", to.members, tally="employed")
        s.text("、下岗职工").figure(u.laid_off, bu.laid_off, "人", to.members, tally="laid_off")
        first.append(s.text("）。").done())
    first.extend(_value_added(p))
    grants = _grants(p)
    return [paragraph for paragraph in (tuple(first), grants) if paragraph]


def _value_added(p: _Period) -> list[Sentence]:
    e, be, to = p.now.economy, p.before.economy, p.links.economy
    sentences = []
    through = returned_to(e)
    complete = through == p.end  # else compared with a whole period a year earlier: not at all
    if e.value_added:
        opening = (f"截至{date_words(through)}，" if not complete
                   else "" if p.period.half == "h1" else f"{p.half_word}，")
        s = _Sentence("economy.value_added", f"{opening}全县职工自营经济实现增加值")
        s.figure(e.value_added, be.value_added if complete else None, WAN, to.value_added,
                 tally="value_added")
        before_by_sector = {v.sector: v.value_added for v in be.by_sector}
        parts = [v for v in e.by_sector if v.value_added]
        s.text("，其中：")
        for index, sector in enumerate(parts):
            s.text(("、" if index else "") + sector.label)
            s.figure(sector.value_added, before_by_sector[sector.sector] if complete else None,
                     WAN, to.sectors[sector.sector], tally="value_added")
        sentences.append(s.text("。").done())
    if e.completion is not None and e.value_added_year:
        year_complete = e.year_returned_to == p.end
        compared = be.completion if year_complete else None
        s = _Sentence("economy.completion")
        said = bool(e.value_added) and through == e.year_returned_to  # by the sentence before
        if not year_complete and not said:
            s.text(f"截至{date_words(e.year_returned_to)}，")
        if p.period.half == "h2":
            s.text("全年累计实现增加值").figure(e.value_added_year,
                                          be.value_added_year if year_complete else None, WAN,
                                          to.value_added_year, tally="value_added")
            s.text("，")
        s.text("完成全年任务").figure(e.completion, compared, PERCENT, to.completion,
                                tally="completion")
        sentences.append(s.text("。").done())
    return sentences


def _grants(p: _Period) -> tuple[Sentence, ...]:
    e, be, to = p.now.economy, p.before.economy, p.links.economy
    if not e.grants_cumulative:
        return ()
    s = _Sentence("economy.grants", "充分发挥职工自营经济发展基金的引导作用，")
    if e.grants_in_period:
        s.text(f"{p.half_word}投放扶持资金").figure(e.grants_in_period, be.grants_in_period, WAN,
                                              to.grants_in_period, tally="amount")
        s.text("，累计投放")
    else:
        s.text("累计投放扶持资金")
    s.figure(e.grants_cumulative, be.grants_cumulative, WAN, to.grants_cumulative,
             tally="amount")
    return (s.text("。").done(),)


# 一、(二) the pairing programme and student aid -------------------------------------------------

def _pairings_heading(p: _Period) -> str:
    f = p.now.pairings
    if f.round_name and f.pairs:
        return f"{f.round_name}扶贫创业工程运行态势良好"
    return "助学结对帮扶工作" if f.students else "扶贫帮扶工作"


def _pairings(p: _Period) -> list[tuple[Sentence, ...]]:
    f = p.now.pairings
    paragraphs: list[tuple[Sentence, ...]] = []
    if f.round_name and f.pairs:
        paragraphs.append((_pairs(p), *_projects(p)))
        paragraphs.append((*_funds(p), *_exits(p)))
    if f.students and f.branches:
        paragraphs.append((_students(p, after_poverty=bool(paragraphs)),))
    return [paragraph for paragraph in paragraphs if paragraph]


def _pairs(p: _Period) -> Sentence:
    f, b, to = p.now.pairings, p.before.pairings, p.links.pairings
    s = _Sentence("pairings.pairs", f"{f.round_name}“一帮一”扶贫创业工程共有")
    if f.officials:
        s.figure(f.officials, b.officials, "名", to.pairs, tally="officials").text("处级领导")
    if f.units:
        s.text("和" if f.officials else "")
        s.figure(f.units, b.units, "个", to.pairs, tally="units").text("帮扶单位")
    if f.officials or f.units:
        s.text("与被帮扶对象结成了帮扶对子")
    else:
        s.text("帮扶对子").figure(f.pairs, b.pairs, "个", to.pairs, tally="count")
    kinds = [(label, value, before, url) for label, value, before, url in (
        ("帮扶困难职工", f.worker_pairs, b.worker_pairs, to.worker_pairs),
        ("帮扶创业基地", f.base_pairs, b.base_pairs, to.base_pairs)) if value]
    if kinds:
        s.text("，其中：")
        for index, (label, value, before, url) in enumerate(kinds):
            s.text(("，" if index else "") + label).figure(value, before, "个", url,
                                                           tally="count")
    return s.text("。").done()


def _projects(p: _Period) -> tuple[Sentence, ...]:
    f, b, to = p.now.pairings, p.before.pairings, p.links.pairings
    if not f.projects:
        return ()
    s = _Sentence("pairings.projects", "启动帮扶项目")
    s.figure(f.projects, b.projects, "个", to.projects, tally="count")
    sectors = [(key, count) for key, count in f.projects_by_sector.items() if count]
    s.text("，其中：")
    for index, (key, count) in enumerate(sectors):
        s.text(("，" if index else "") + sector_label(key))
        s.figure(count, b.projects_by_sector[key], "个", to.project_sectors[key], tally="count")
    return (s.text("。").done(),)


def _funds(p: _Period) -> tuple[Sentence, ...]:
    f, b, to = p.now.pairings, p.before.pairings, p.links.pairings
    if not (f.funds_raised or f.funded_projects):
        return ()
    s = _Sentence("pairings.funds")
    if f.funds_raised:
        s.text("帮扶单位与县总工会已筹措帮扶资金")
        s.figure(f.funds_raised, b.funds_raised, WAN, to.funds_raised, tally="raised")
        if f.funds_injected:
            s.text("（其中：已注入帮扶启动资金")
            s.figure(f.funds_injected, b.funds_injected, WAN, to.funds_injected,
                     tally="injected")
            s.text("）")
    if f.funded_projects:
        s.text("，共扶持帮助" if f.funds_raised else "共扶持帮助")
        s.figure(f.funded_workers, b.funded_workers, "名", to.funded_projects,
                 tally="beneficiaries")
        s.text("困难职工发展了").figure(f.funded_projects, b.funded_projects, "个",
                                 to.funded_projects, tally="count")
        s.text("创业项目")
    return (s.text("。").done(),)


def _exits(p: _Period) -> tuple[Sentence, ...]:
    f, b, to = p.now.pairings, p.before.pairings, p.links.pairings
    target = f"{percent_text(f.exit_target)}%" if f.exit_target is not None else ""
    if f.exited_pairs:
        s = _Sentence("pairings.exits", f"截至{date_words(p.end)}，已有")
        s.figure(f.exited_pairs, b.exited_pairs, "个", to.exited_pairs, tally="count")
        s.text(f"帮扶对子实现脱贫，脱贫率{percent_text(f.exit_rate)}%")
        s.text(f"（目标为{target}）。" if target else "。")
        return (s.done(),)
    if target and (f.round_ends_on is None or f.round_ends_on > p.end):
        # Under way: the target is what a person writes; a finished round without exits is a
        # warning, never a "0户" sentence.
        return (_Sentence("pairings.exits",
                          f"本轮目标是到年末被帮扶对象脱贫率达到{target}。").done(),)
    return ()


def _students(p: _Period, *, after_poverty: bool) -> Sentence:
    f, b, to = p.now.pairings, p.before.pairings, p.links.pairings
    s = _Sentence("pairings.students", "另外，全县" if after_poverty else "全县")
    s.figure(f.branches, b.branches, "个", to.students, tally="branches")
    s.text("基层党支部与").figure(f.students, b.students, "名", to.students,
                              tally="beneficiaries")
    s.text("困难学生结成帮扶对子")
    if f.donations_received:
        money_of = "本年度" if p.period.half == "h1" else p.half_word  # the period's money
        s.text(f"，{money_of}收到基层党组织助学资助款")
        s.figure(f.donations_received, b.donations_received, WAN, to.donations_received,
                 tally="donation", places=3)
        if f.donations_disbursed >= f.donations_received:
            s.text("，已全部下拨到困难学生手中")
        elif f.donations_disbursed:
            s.text("，已下拨").figure(f.donations_disbursed, b.donations_disbursed, WAN,
                                   to.donations_disbursed, tally="disbursed", places=3)
    return s.text("。").done()


# 一、(三) hardship aid --------------------------------------------------------------------------

def _aid(p: _Period) -> list[tuple[Sentence, ...]]:
    a, b, to = p.now.aid, p.before.aid, p.links.aid
    sentences = []
    if a.visited_workers:
        where = (f"在{'、'.join(a.campaigns)}活动中，" if a.campaigns
                 else f"{p.period.label}，")
        s = _Sentence("aid.visits", f"{where}县总工会共走访慰问特困职工")
        s.figure(a.visited_workers, b.visited_workers, "人", to.visits, tally="workers")
        _granted(s, "慰问金", a.visit_money, b.visit_money, a.visit_paid_money, WAN,
                 to.visits, to.visits_paid)
        sentences.append(s.text("。").done())
    if a.relief_workers:
        s = _Sentence("aid.relief", f"{p.period.label}，通过入户救助和现场救助等方式，救助困难职工")
        s.figure(a.relief_workers, b.relief_workers, "人", to.relief, tally="workers")
        _granted(s, "救助资金", a.relief_money, b.relief_money, a.relief_paid_money, YUAN,
                 to.relief, to.relief_paid)
        kinds = [(label, value, before, url) for label, value, before, url in (
            ("生活救助", a.living_money, b.living_money, to.living),
            ("医疗救助", a.medical_money, b.medical_money, to.medical),
            ("助学救助", a.education_money, b.education_money, to.education)) if value]
        s.text("，其中")
        for index, (label, value, before, url) in enumerate(kinds):
            s.text(("、" if index else "") + label).figure(value, before, YUAN, url,
                                                           tally="money")
        sentences.append(s.text("。").done())
    sources = [(name, money) for name, money in a.money_by_source if name and money]
    if sentences and sources:
        sentences.append(_by_source(p, sources))
    # The archives are a stock: told beside the period's aid or the archives' own events, not
    # in a half-year when nothing happened.
    archives = _archives(p)
    a = p.now.aid
    if archives is not None and (sentences or a.archives_new or a.archives_relapsed
                                 or a.archives_exited):
        sentences.insert(0, archives)
    return [tuple(sentences)] if sentences else []


def _by_source(p: _Period, sources: list[tuple[str, Number]]) -> Sentence:
    """Where the money paid out came from (issue 17): "发放的帮扶资金中，X资金…元、…"."""
    to = p.links.aid
    s = _Sentence("aid.sources", f"{p.period.label}发放的慰问金和救助资金中，")
    for index, (name, money) in enumerate(sources):
        s.text(("、" if index else "") + name).figure(money, None, YUAN, to.paid_from(name),
                                                      tally="money")
    return s.text("。").done()


def _archives(p: _Period) -> Sentence | None:
    """"全县在档困难职工x户，其中深度困难x户；上半年新建档x户，解困脱困x户" (the events that
    happened; none of it without open archives)."""
    a, b, to = p.now.aid, p.before.aid, p.links.aid
    if not a.archives_open:
        return None
    s = _Sentence("aid.archives", "全县在档困难职工")
    s.figure(a.archives_open, b.archives_open, "户", to.archives_open, tally="count")
    if a.archives_open_extreme:
        s.text("，其中深度困难").figure(a.archives_open_extreme, b.archives_open_extreme, "户",
                                   to.archives_open_extreme, tally="count")
    events = [(label, value, before, url) for label, value, before, url in (
        ("新建档", a.archives_new, b.archives_new, to.archives_new),
        ("返困重新建档", a.archives_relapsed, b.archives_relapsed, to.archives_relapsed),
        ("解困脱困", a.archives_exited, b.archives_exited, to.archives_exited)) if value]
    for index, (label, value, before, url) in enumerate(events):
        s.text(f"；{p.half_word}{label}" if index == 0 else f"，{label}")
        s.figure(value, before, "户", url, tally="count")
    return s.text("。").done()


def _granted(s: _Sentence, what: str, money: Number, before: Number, paid: Number, unit: str,
             url: str, paid_url: str) -> None:
    """"发放X" when all of it was paid out (DESIGN §3.2: 发放 means paid), else the approved sum
    with the part paid in brackets."""
    if paid == money:
        s.text(f"，发放{what}").figure(money, before, unit, url, tally="money")
        return
    s.text(f"，{what}").figure(money, before, unit, url, tally="money")
    s.text("（已发放").figure(paid, None, unit, paid_url, tally="money").text("）")


# 一、(四) grassroots organisation and activities ------------------------------------------------

def _organisation(p: _Period) -> list[tuple[Sentence, ...]]:
    u, b, to = p.now.unions, p.before.unions, p.links.unions
    paragraphs = []
    if u.unions_active:
        s = _Sentence("organisation.unions", f"截至{date_words(p.end)}，全县共有基层工会组织")
        s.figure(u.unions_active, b.unions_active, "个", to.active, tally="unions")
        if u.members:
            s.text("，会员").figure(u.members, b.members, "人", to.members, tally="members")
            if u.counts_to != p.end or u.counts_from != u.counts_to:
                s.text(f"（{counts_as_of(u.counts_from, u.counts_to, p.end)}报表数）")
        if u.founded:
            s.text(f"，其中{p.half_word}新建工会组织")
            s.figure(u.founded, b.founded, "个", to.founded, tally="unions")
            kinds = [(kind, count) for kind, count in u.founded_by_kind.items() if count]
            s.text("（")
            for index, (kind, count) in enumerate(kinds):
                s.text(("，" if index else "") + kind_label(kind))
                s.figure(count, b.founded_by_kind.get(kind, 0), "个", to.founded_kinds[kind],
                         tally="unions")
            s.text("）")
        if u.joined:
            s.text("，新入会会员").figure(u.joined, b.joined, "人", to.joined, tally="joined")
        paragraphs.append((s.text("。").done(),))
    indicators = _indicators(p)
    if indicators:
        paragraphs.append((indicators,))
    if u.joint_unions:
        s = _Sentence("organisation.joint", "按照建立行业联合工会的要求，全县已成立")
        s.text("、".join(u.joint_unions)).text("等")
        s.figure(len(u.joint_unions), None, "个", to.joint, tally="unions")
        paragraphs.append((s.text("行业工会联合会。").done(),))
    if p.now.activities.count:
        paragraphs.append((_activities(p),))
    return paragraphs


def _indicators(p: _Period) -> Sentence | None:
    """The annual statistics' indicators (工会统计年报) a person would mention, those with data.

    Contracts, wage agreements and elections come from each union's current record, which keeps
    no history: they carry no year-earlier value.
    """
    u, b, to = p.now.unions, p.before.unions, p.links.unions
    s = _Sentence("organisation.indicators", "")
    clauses = 0
    if u.female_members or u.migrant_members:
        s.text("全县会员中")
        if u.female_members:
            s.text("女职工会员").figure(u.female_members, b.female_members, "人",
                                      to.female_members, tally="female_members")
        if u.migrant_members:
            s.text("、农民工会员" if u.female_members else "农民工会员")
            s.figure(u.migrant_members, b.migrant_members, "人", to.migrant_members,
                     tally="migrant_members")
        clauses += 1
    if u.unions_with_contract or u.unions_with_wage_negotiation:
        s.text("；" if clauses else "")
        if u.unions_with_contract:
            s.text("已签订集体合同的工会").figure(u.unions_with_contract, None, "个",
                                          to.unions_with_contract, tally="unions")
        if u.unions_with_wage_negotiation:
            s.text("，" if u.unions_with_contract else "")
            s.text("签订工资专项集体合同的工会").figure(
                u.unions_with_wage_negotiation, None, "个", to.unions_with_wage_negotiation,
                tally="unions")
        clauses += 1
    if u.elections_overdue:
        s.text("；" if clauses else "").figure(u.elections_overdue, None, "个",
                                               to.elections_overdue, tally="unions")
        s.text("工会委员会任期届满尚未换届")
        clauses += 1
    return s.text("。").done() if clauses else None


def _activities(p: _Period) -> Sentence:
    acts = p.now.activities
    s = _Sentence("organisation.activities", f"{p.period.label}共组织、参加文体活动")
    s.figure(acts.count, p.before.activities.count, "项", p.links.activities.activities,
             tally="count")
    s.text("：")
    for index, item in enumerate(acts.activities):
        s.text(("；" if index else "") + f"{item.held_on.month}月{item.held_on.day}日")
        if item.co_organisers:
            s.text(f"与{item.co_organisers}")
        s.text("参加" if item.joined else "举办")
        s.name(item.title, item.url)
        if item.awards:
            s.text(f"，{item.awards}")
    return s.text("。").done()

