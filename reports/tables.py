"""The summary's statistics tables (the Word file numbers them, the workbook has a sheet each)
and the page's bar charts, from the figures of a period."""

from decimal import Decimal
from typing import TYPE_CHECKING

from core.money import wan_number
from pairings.figures import sector_label

from .document import Bar, Chart, Table

if TYPE_CHECKING:
    from .figures import AllFigures

# The no-double-count rule of the unions' figures (docs/import-formats.md).
NO_DOUBLE_COUNT = ("注：行业工会联合会只统计直接加入的会员（尚未建立工会的小微企业职工），其所覆盖"
                   "基层工会的会员只计入该基层工会；联合会人数报表早于所覆盖工会成立日期的暂不计入"
                   "合计，因此没有会员被重复统计。")
DISTINCT_PEOPLE = "注：人数按人计算，同一职工获得多种救助只计一次，故各项人数之和可能大于合计人数。"


def _wan_number(amount: Decimal) -> Decimal:
    return Decimal(wan_number(amount))


def tables(now: "AllFigures") -> tuple[Table, ...]:
    """The economy, pairing, aid and union tables of a period."""
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
              totals=("救助合计（不含慰问）", a.relief_workers, a.relief_money),
              note=DISTINCT_PEOPLE),
        Table(key="unions", title="基层工会组织", headers=("项目", "数量"),
              rows=(("基层工会（个）", u.unions_active), ("会员（人）", u.members),
                    ("新建工会（个）", u.founded), ("新入会会员（人）", u.joined),
                    ("在职职工（人）", u.employed), ("下岗职工（人）", u.laid_off)),
              totals=("职工合计（人）", u.workers), note=NO_DOUBLE_COUNT),
    )


def charts(now: "AllFigures", trend: list[tuple[str, int]]) -> tuple[Chart, ...]:
    """Value added by sector, aid money by kind, members over the last half-years."""
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
