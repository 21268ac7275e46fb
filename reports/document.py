"""The half-year summary as a document: sections of sentences whose numbers come from figures.

The document is plain data (dicts, lists, strings) so that a publication can store it as JSON and
the page, the Word file and the workbook all render the same thing. Its text is Chinese: the
summary is a Chinese official document (the page around it is translated as usual).
"""

from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse

from core.money import wan_number
from core.periods import Period

if TYPE_CHECKING:  # the document only reads the figures it is given
    from .figures import AllFigures

UNION_KIND_NAMES = {
    "state_owned": "国有企业", "collective": "集体企业", "private": "私营企业",
    "foreign": "外资企业", "institution": "事业单位", "government": "机关", "community": "社区",
    "township": "乡镇（街道）", "joint": "行业工会联合会", "other": "其他",
}
PROJECT_SECTOR_NAMES = {
    "breeding": "养殖业", "planting": "种植业", "processing": "加工业", "commerce": "商服业",
    "transport": "运输业", "other": "其他",
}


def link(name: str, args=(), **params) -> str:
    url = reverse(name, args=args)
    query = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def _wan(amount: Decimal, places: int = 2) -> str:
    """6.65万元, 2.568万元; whole amounts without decimals as the summary writes them (25万元)."""
    number = wan_number(amount, places)
    whole, _dot, decimals = number.partition(".")
    return f"{whole if not decimals.strip('0') else number}万元"


def _yuan(amount: Decimal) -> str:
    return f"{Decimal(amount):,.0f}元" if amount == int(amount) else f"{Decimal(amount):,.2f}元"


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{Decimal(value):.1f}%"


class Sentences:
    """Builds one paragraph: plain text and figures (value text, link, year-earlier comparison)."""

    def __init__(self):
        self.parts: list[dict] = []

    def text(self, value: str) -> "Sentences":
        self.parts.append({"text": value})
        return self

    def figure(self, text: str, url: str = "", now=None, before=None, unit: str = "",
               before_text: str | None = None) -> "Sentences":
        part = {"text": text, "url": url}
        if before is not None:
            part["previous"] = before_text if before_text is not None else f"{before}{unit}"
            if now is not None and isinstance(now, (int, Decimal)):
                delta = Decimal(now) - Decimal(before)
                if delta:
                    sign = "+" if delta > 0 else "−"
                    shown = delta.copy_abs()
                    part["change"] = f"{sign}{shown.normalize():f}{unit}" if unit else (
                        f"{sign}{shown.normalize():f}")
        self.parts.append(part)
        return self


def _money_figure(s: Sentences, amount, before, url, places=2, as_wan=True):
    fmt = (lambda a: _wan(a, places)) if as_wan else _yuan
    if before is None:
        return s.figure(fmt(amount), url)
    part = {"text": fmt(amount), "url": url, "previous": fmt(before)}
    delta = Decimal(amount) - Decimal(before)
    if delta:
        part["change"] = ("+" if delta > 0 else "−") + fmt(delta.copy_abs())
    s.parts.append(part)
    return s


def build(period: Period, federation: str, now: "AllFigures", before: "AllFigures | None",
          narrative: dict[str, str], trend: list[tuple[str, int]]) -> dict:
    """The whole document for a period, with the year-earlier figures where they exist."""
    start, end = period.start.isoformat(), period.end.isoformat()
    title = f"{federation}{period.label}工作总结"
    sections = [
        _economy(now, before, start, end),
        _pairings(now, before, start, end),
        _aid(now, before, start, end, period),
        _organisation(now, before, start, end, period),
        {"key": "own_work", "heading": "严肃认真地抓好总工会机关自身建设", "paragraphs": []},
    ]
    for number, section in enumerate(sections, start=1):
        section["number"] = f"{number}、"
        section["remark"] = narrative.get(f"remark_{section['key']}", "")
    return {
        "title": title,
        "federation": federation,
        "period": {"year": period.year, "half": period.half, "label": period.label,
                   "start": start, "end": end},
        "opening": narrative.get("opening", ""),
        "sections": sections,
        "plans_heading": f"二、{period.next_label}工作要点",
        "plans": narrative.get("plans", ""),
        "tables": _tables(now),
        "charts": _charts(now, trend),
    }


def _economy(now, before, start, end) -> dict:
    u, e = now.unions, now.economy
    bu = before.unions if before else None
    be = before.economy if before else None
    p = Sentences().text(f"据统计，截至{_date(end)}，全县共有职工")
    unions_url = link("unions:union-list", kind="grassroots", status="active", on=end)
    p.figure(f"{u.workers}人", unions_url, u.workers,
             bu.workers if bu else None, "人")
    p.text("（其中在职职工").figure(f"{u.employed}人", unions_url, u.employed,
                               bu.employed if bu else None, "人")
    p.text("、下岗职工").figure(f"{u.laid_off}人", unions_url, u.laid_off,
                            bu.laid_off if bu else None, "人")
    p.text("），全县职工自营经济实现增加值")
    _money_figure(p, e.value_added, be.value_added if be else None,
                  link("economy:return-list", start=start, end=end))
    p.text("，其中：")
    before_by_sector = {s.sector: s.value_added for s in be.by_sector} if be else {}
    for index, sector in enumerate(e.by_sector):
        p.text(("、" if index else "") + sector.label)
        _money_figure(p, sector.value_added, before_by_sector.get(sector.sector),
                      link("economy:return-list", start=start, end=end, sector=sector.sector))
    p.text("。")
    if e.completion is not None:
        p.text("完成全年任务").figure(_percent(e.completion),
                                 link("economy:sector-table", start=start, end=end),
                                 e.completion, be.completion if be else None, "%",
                                 before_text=_percent(be.completion) if be else None)
        p.text("。")
    grants = Sentences().text("充分发挥职工自营经济发展基金的引导作用，累计投放扶持资金")
    _money_figure(grants, e.grants_cumulative, be.grants_cumulative if be else None,
                  link("economy:grant-list", end=end))
    grants.text("，其中本期投放")
    _money_figure(grants, e.grants_in_period, be.grants_in_period if be else None,
                  link("economy:grant-list", start=start, end=end))
    grants.text("。")
    return {"key": "economy", "heading": "职工自营经济工作",
            "paragraphs": [p.parts, grants.parts]}


def _pairings(now, before, start, end) -> dict:
    f = now.pairings
    b = before.pairings if before else None
    pairs_url = link("pairings:pairing-list")
    p = Sentences().text(f"{f.round_name}“一帮一”扶贫创业工程共有" if f.round_name
                         else "“一帮一”扶贫创业工程共有")
    p.figure(f"{f.officials}名", pairs_url, f.officials, b.officials if b else None, "名")
    p.text("处级领导和").figure(f"{f.units}个", pairs_url, f.units, b.units if b else None, "个")
    p.text("帮扶单位与被帮扶对象结成了帮扶对子，其中：帮扶困难职工")
    p.figure(f"{f.worker_pairs}个", link("pairings:pairing-list", kind="worker"),
             f.worker_pairs, b.worker_pairs if b else None, "个")
    p.text("，帮扶创业基地").figure(f"{f.base_pairs}个", link("pairings:pairing-list", kind="base"),
                              f.base_pairs, b.base_pairs if b else None, "个")
    p.text("。启动帮扶项目").figure(f"{f.projects}个", link("pairings:project-list"),
                              f.projects, b.projects if b else None, "个")
    sectors = [(k, n) for k, n in f.projects_by_sector.items() if n]
    if sectors:
        p.text("，其中：")
        for index, (key, count) in enumerate(sectors):
            p.text(("，" if index else "") + PROJECT_SECTOR_NAMES.get(key, key))
            p.figure(f"{count}个", link("pairings:project-list", sector=key), count,
                     b.projects_by_sector.get(key, 0) if b else None, "个")
    p.text("。")

    funds = Sentences().text("帮扶单位与县总工会已筹措帮扶资金")
    _money_figure(funds, f.funds_raised, b.funds_raised if b else None,
                  link("pairings:fund-list", kind="raised"))
    funds.text("（其中：已注入帮扶启动资金")
    _money_figure(funds, f.funds_injected, b.funds_injected if b else None,
                  link("pairings:fund-list", kind="injected"))
    funds.text("），共扶持帮助").figure(f"{f.funded_workers}名", link("pairings:project-list"),
                                  f.funded_workers, b.funded_workers if b else None, "名")
    funds.text("困难职工发展了").figure(f"{f.funded_projects}个", link("pairings:project-list"),
                                 f.funded_projects, b.funded_projects if b else None, "个")
    funds.text("创业项目。")
    if f.exit_target is not None:
        funds.text("目前已脱贫").figure(f"{f.exited_pairs}户", link("pairings:pairing-list",
                                                               status="exited"),
                                   f.exited_pairs, b.exited_pairs if b else None, "户")
        funds.text(f"，年末被帮扶对象脱贫率目标为{_percent(f.exit_target)}。")

    students = Sentences().text("另外，全县").figure(
        f"{f.branches}个", link("pairings:student-aid"), f.branches,
        b.branches if b else None, "个")
    students.text("基层党支部与").figure(f"{f.students}名", link("pairings:student-aid"),
                                     f.students, b.students if b else None, "名")
    students.text("困难学生结成帮扶对子，本年度收到基层党组织助学资助款")
    _money_figure(students, f.donations_received, b.donations_received if b else None,
                  link("pairings:student-aid"), places=3)
    if f.donations_received and f.donations_disbursed >= f.donations_received:
        students.text("，已全部下拨到困难学生手中。")
    else:
        students.text("，已下拨")
        _money_figure(students, f.donations_disbursed, b.donations_disbursed if b else None,
                      link("pairings:student-aid"), places=3)
        students.text("。")
    return {"key": "pairings", "heading": "扶贫创业工程运行态势良好",
            "paragraphs": [p.parts, funds.parts, students.parts]}


def _aid(now, before, start, end, period) -> dict:
    a = now.aid
    b = before.aid if before else None
    cases = "aid:case-list"
    p = Sentences().text(f"{period.label}，县总工会共走访慰问特困职工")
    p.figure(f"{a.visited_workers}人", link(cases, start=start, end=end, kind="visit",
                                            status="counted"),
             a.visited_workers, b.visited_workers if b else None, "人")
    p.text("，发放慰问金")
    _money_figure(p, a.visit_money, b.visit_money if b else None,
                  link(cases, start=start, end=end, kind="visit", status="counted"))
    p.text("。通过入户救助和现场救助等方式，救助困难职工")
    p.figure(f"{a.relief_workers}人", link(cases, start=start, end=end, kind="relief",
                                           status="counted"),
             a.relief_workers, b.relief_workers if b else None, "人")
    p.text("，发放救助资金")
    _money_figure(p, a.relief_money, b.relief_money if b else None,
                  link(cases, start=start, end=end, kind="relief", status="counted"),
                  as_wan=False)
    p.text("。其中生活救助")
    _money_figure(p, a.living_money, b.living_money if b else None,
                  link(cases, start=start, end=end, kind="living", status="counted"),
                  as_wan=False)
    p.text("；医疗救助")
    _money_figure(p, a.medical_money, b.medical_money if b else None,
                  link(cases, start=start, end=end, kind="medical", status="counted"),
                  as_wan=False)
    p.text("；助学救助")
    _money_figure(p, a.education_money, b.education_money if b else None,
                  link(cases, start=start, end=end, kind="education", status="counted"),
                  as_wan=False)
    p.text("。")
    return {"key": "aid", "heading": "全面深入地抓好困难职工帮扶和救助工作",
            "paragraphs": [p.parts]}


def _organisation(now, before, start, end, period) -> dict:
    u = now.unions
    b = before.unions if before else None
    unions_url = link("unions:union-list", kind="grassroots", status="active", on=end)
    p = Sentences().text("目前，全县共有基层工会组织")
    p.figure(f"{u.unions_active}个", unions_url,
             u.unions_active, b.unions_active if b else None, "个")
    p.text("，会员").figure(f"{u.members}人", unions_url,
                         u.members, b.members if b else None, "人")
    p.text(f"，其中{period.half_label}新建工会组织")
    p.figure(f"{u.founded}个", link("unions:union-list", kind="grassroots", status="all",
                                    founded_from=start, founded_to=end),
             u.founded, b.founded if b else None, "个")
    kinds = [(k, n) for k, n in u.founded_by_kind.items() if n]
    if kinds:
        p.text("（" + "，".join(f"{UNION_KIND_NAMES.get(k, k)}{n}个" for k, n in kinds) + "）")
    p.text("，新入会会员").figure(f"{u.joined}人", unions_url, u.joined,
                              b.joined if b else None, "人")
    p.text("。")
    paragraphs = [p.parts]
    if u.joint_unions:
        joint = Sentences().text("按照建立行业联合工会的要求，全县已成立")
        joint.text("、".join(u.joint_unions))
        joint.text("等").figure(f"{len(u.joint_unions)}个",
                                link("unions:union-list", kind="joint", on=end))
        joint.text("行业工会联合会。")
        paragraphs.append(joint.parts)
    acts = now.activities
    if acts.count:
        activity = Sentences().text(f"{period.label}共组织、参加文体活动")
        activity.figure(f"{acts.count}项", link("activities:activity-list", start=start,
                                                 end=end),
                        acts.count, before.activities.count if before else None, "项")
        activity.text("：")
        for index, item in enumerate(acts.activities):
            held = item.held_on
            activity.text(("；" if index else "") + f"{held.month}月{held.day}日")
            if item.co_organisers:
                activity.text(f"与{item.co_organisers}")
            activity.text("举办" if item.level != "city" else "参加")
            activity.figure(item.title, item.url)
            if item.awards:
                activity.text(f"，{item.awards}")
        activity.text("。")
        paragraphs.append(activity.parts)
    return {"key": "organisation", "heading": "积极稳妥地搞好工会基层组织建设",
            "paragraphs": paragraphs}


def _tables(now: "AllFigures") -> list[dict]:
    e, a, p = now.economy, now.aid, now.pairings
    return [
        {"key": "economy", "title": "职工自营经济增加值（万元）",
         "headers": ["行业", "增加值（万元）"],
         "rows": [[s.label, float(Decimal(wan_number(s.value_added)))] for s in e.by_sector],
         "totals": ["合计", float(Decimal(wan_number(e.value_added)))]},
        {"key": "pairings", "title": "帮扶项目（个）", "headers": ["行业", "项目数"],
         "rows": [[PROJECT_SECTOR_NAMES.get(k, k), n] for k, n in p.projects_by_sector.items()],
         "totals": ["合计", p.projects]},
        {"key": "aid", "title": "困难职工帮扶救助", "headers": ["项目", "人数", "金额（元）"],
         "rows": [["送温暖慰问", a.visited_workers, float(a.visit_money)],
                  ["生活救助", a.living_workers, float(a.living_money)],
                  ["医疗救助", a.medical_workers, float(a.medical_money)],
                  ["助学救助", a.education_workers, float(a.education_money)]],
         "totals": ["救助合计（不含慰问）", a.relief_workers, float(a.relief_money)]},
        {"key": "unions", "title": "基层工会组织", "headers": ["项目", "数量"],
         "rows": [["基层工会（个）", now.unions.unions_active], ["会员（人）", now.unions.members],
                  ["新建工会（个）", now.unions.founded], ["新入会会员（人）", now.unions.joined],
                  ["在职职工（人）", now.unions.employed], ["下岗职工（人）", now.unions.laid_off]],
         "totals": ["职工合计（人）", now.unions.workers]},
    ]


def _charts(now: "AllFigures", trend: list[tuple[str, int]]) -> list[dict]:
    return [
        {"key": "economy", "title": "各行业增加值（万元）",
         "bars": [[s.label, float(Decimal(wan_number(s.value_added)))]
                  for s in now.economy.by_sector]},
        {"key": "aid", "title": "救助资金（元）",
         "bars": [["慰问", float(now.aid.visit_money)], ["生活", float(now.aid.living_money)],
                  ["医疗", float(now.aid.medical_money)],
                  ["助学", float(now.aid.education_money)]]},
        {"key": "members", "title": "会员人数", "bars": [[label, n] for label, n in trend]},
    ]


def _date(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{year}年{month}月{day}日"


def plain_text(parts: list[dict]) -> str:
    return "".join(part["text"] for part in parts)


def figure_texts(document: dict) -> list[str]:
    """Every figure of the document in order (to tell whether figures changed)."""
    return [part["text"] for section in document["sections"]
            for paragraph in section["paragraphs"] for part in paragraph if "url" in part]
