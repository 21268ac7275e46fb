"""Jiayin County's self-employed economy, 2011 and the first half of 2012, as individual records.

For 2012-01-01..2012-06-30 the returns add up to the seed's 17414.61万元 and its eight sector
figures exactly; the 2012 target makes that 54.5%; grants reach 79,600元 by 2012-06-30 (近8万元).
Running load() again changes nothing.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models, transaction

from unions.models import Union

from .models import AnnualTarget, Household, Sector, SupportGrant, ValueAddedReturn

H1_2011 = (date(2011, 1, 1), date(2011, 6, 30))
H2_2011 = (date(2011, 7, 1), date(2011, 12, 31))
H1_2012 = (date(2012, 1, 1), date(2012, 6, 30))

# The seed's value added for the first half of 2012, in yuan (1491.46 of transport is 万元 too).
SECTOR_TOTALS_2012_H1 = {
    Sector.AGRICULTURE: Decimal("17296600"),
    Sector.INDUSTRY: Decimal("88152800"),
    Sector.TRANSPORT: Decimal("14914600"),
    Sector.TRADE: Decimal("19113700"),
    Sector.HOSPITALITY: Decimal("15327300"),
    Sector.CULTURE: Decimal("4898700"),
    Sector.HEALTH: Decimal("2726600"),
    Sector.OTHER_SERVICES: Decimal("11715800"),
}
# 17414.61 / 31954 = 54.4990…% → 54.5%
TARGETS = {2011: Decimal("270000000"), 2012: Decimal("319540000")}
# The first half of 2011 relative to 2012, per sector; 2011's second half relative to its first.
GROWTH_2011_H1 = {
    Sector.AGRICULTURE: Decimal("0.86"), Sector.INDUSTRY: Decimal("0.91"),
    Sector.TRANSPORT: Decimal("0.93"), Sector.TRADE: Decimal("0.90"),
    Sector.HOSPITALITY: Decimal("0.87"), Sector.CULTURE: Decimal("0.95"),
    Sector.HEALTH: Decimal("0.92"), Sector.OTHER_SERVICES: Decimal("0.89"),
}
SECOND_HALF_2011 = Decimal("0.80")
# How the unions' own returns share what the households do not cover.
UNION_WEIGHTS = (Decimal(5), Decimal(3), Decimal(2))

E, L = Household.OwnerStatus.EMPLOYED, Household.OwnerStatus.LAID_OFF
# owner, employed/laid off, sector, business, started on, closed on, value added 2012 H1 (yuan)
HOUSEHOLDS = (
    ("王春林", L, Sector.AGRICULTURE, "地栽木耳", date(2008, 4, 10), None, "268500"),
    ("李淑华", E, Sector.AGRICULTURE, "地栽木耳", date(2009, 3, 22), None, "186300"),
    ("张国富", L, Sector.AGRICULTURE, "特色养殖（林蛙）", date(2007, 9, 5), None, "312400"),
    ("刘玉兰", L, Sector.AGRICULTURE, "特色养殖（梅花鹿）", date(2010, 5, 18), None, "254800"),
    ("梁海涛", L, Sector.AGRICULTURE, "特色养殖（野猪）", date(2009, 6, 1), date(2011, 10, 31),
     None),
    ("陈立军", E, Sector.AGRICULTURE, "蓝莓种植", date(2011, 4, 15), None, "97600"),
    ("杨桂芝", L, Sector.INDUSTRY, "豆制品加工", date(2006, 11, 2), None, "423700"),
    ("赵永生", E, Sector.INDUSTRY, "木制品加工", date(2008, 7, 14), None, "586200"),
    ("孙丽娟", L, Sector.TRANSPORT, "客运出租", date(2009, 8, 30), None, "138900"),
    ("周德明", L, Sector.TRANSPORT, "货物运输", date(2007, 3, 12), None, "265400"),
    ("吴秀英", L, Sector.TRADE, "日杂超市", date(2005, 10, 8), None, "342600"),
    ("郑长海", E, Sector.TRADE, "农资经销", date(2010, 2, 26), None, "218900"),
    ("冯玉霞", L, Sector.HOSPITALITY, "农家乐", date(2010, 6, 6), None, "176500"),
    ("高振东", L, Sector.HOSPITALITY, "江鱼馆", date(2008, 5, 1), None, "297300"),
    ("马桂荣", E, Sector.CULTURE, "网吧", date(2009, 12, 20), None, "84700"),
    ("胡建国", E, Sector.CULTURE, "照相馆", date(2006, 4, 9), None, "62300"),
    ("朱凤琴", L, Sector.HEALTH, "个体诊所", date(2007, 6, 16), None, "113800"),
    ("郭宝山", L, Sector.HEALTH, "药店", date(2011, 3, 3), None, "95200"),
    ("何淑珍", L, Sector.OTHER_SERVICES, "美发店", date(2008, 9, 9), None, "57400"),
    ("林志刚", E, Sector.OTHER_SERVICES, "家电维修", date(2009, 4, 27), None, "73900"),
    ("罗美玲", L, Sector.OTHER_SERVICES, "洗衣店", date(2011, 1, 10), None, "41600"),
)
# household (owner, business), granted on, amount (yuan), purpose: 79,600元 by 2012-06-30,
# of which 15,600元 in the first half of 2012.
GRANTS = (
    ("王春林", "地栽木耳", date(2009, 4, 20), "5000", "购买木耳菌包"),
    ("张国富", "特色养殖（林蛙）", date(2009, 8, 12), "6000", "修建林蛙养殖池"),
    ("杨桂芝", "豆制品加工", date(2009, 10, 15), "4000", "购置磨浆设备"),
    ("李淑华", "地栽木耳", date(2010, 3, 30), "5000", "菌包及遮阳网"),
    ("梁海涛", "特色养殖（野猪）", date(2010, 5, 6), "4000", "围栏建设"),
    ("周德明", "货物运输", date(2010, 7, 22), "6000", "车辆维修周转"),
    ("吴秀英", "日杂超市", date(2010, 11, 3), "5000", "进货周转资金"),
    ("刘玉兰", "特色养殖（梅花鹿）", date(2011, 3, 18), "8000", "引进梅花鹿种鹿"),
    ("冯玉霞", "农家乐", date(2011, 5, 25), "5000", "改造客房"),
    ("朱凤琴", "个体诊所", date(2011, 8, 9), "4000", "购置诊疗设备"),
    ("王春林", "地栽木耳", date(2011, 9, 14), "6000", "扩大种植规模"),
    ("何淑珍", "美发店", date(2011, 11, 28), "6000", "店面装修"),
    ("李淑华", "地栽木耳", date(2012, 3, 16), "5000", "春季菌包采购"),
    ("陈立军", "蓝莓种植", date(2012, 4, 20), "6000", "购买蓝莓苗木"),
    ("罗美玲", "洗衣店", date(2012, 5, 24), "4600", "购置洗涤设备"),
)


def _reporting_unions() -> list[Union]:
    unions = Union.objects.filter(dissolved_on__isnull=True).exclude(kind="joint").order_by("pk")
    established = list(unions.filter(established_on__lte=H1_2011[0]))
    candidates = established or list(unions)
    if not candidates:
        raise RuntimeError(
            "The economy demo needs grassroots unions: load the unions demo first "
            "(no active union other than an industry joint union was found)."
        )
    return candidates


def _upsert(model: type[models.Model], lookup: dict, values: dict) -> models.Model:
    """Create or update one record through full_clean(); an unchanged record is not saved."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif all(getattr(obj, field) == value for field, value in values.items()):
        return obj
    else:
        for field, value in values.items():
            setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


def _hundreds(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("1E2"), rounding=ROUND_HALF_UP)


def _split(total: Decimal, weights: tuple[Decimal, ...]) -> list[Decimal]:
    """`total` in parts proportional to `weights`, rounded to 100元; the last takes the rest."""
    parts = [_hundreds(total * w / sum(weights)) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


def _return(period: tuple[date, date], sector: str, amount: Decimal, *, union=None,
            household=None, note: str = "") -> None:
    _upsert(ValueAddedReturn,
            {"union": union, "household": household, "sector": sector,
             "period_start": period[0], "period_end": period[1]},
            {"value_added": amount, "note": note})


@transaction.atomic
def load() -> None:
    """The households, returns, targets and grants of the demo county."""
    unions = _reporting_unions()
    # Laid-off owners belong to the township and community unions where there are any.
    local = [u for u in unions if u.kind in (Union.Kind.TOWNSHIP, Union.Kind.COMMUNITY)] or unions
    households = {}
    for index, (owner, status, sector, business, started, closed, _v) in enumerate(HOUSEHOLDS):
        pool = local if status == L else unions
        households[owner, business] = _upsert(
            Household,
            {"union": pool[(index * 5) % len(pool)], "owner": owner, "business": business},
            {"owner_status": status, "sector": sector, "started_on": started, "closed_on": closed},
        )
    for sector_index, (sector, total) in enumerate(SECTOR_TOTALS_2012_H1.items()):
        own = [(households[owner, business], Decimal(value))
               for owner, _s, s, business, _st, _c, value in HOUSEHOLDS
               if s == sector and value is not None]
        reporters = [unions[(sector_index * 3 + j) % len(unions)]
                     for j in range(min(len(UNION_WEIGHTS), len(unions)))]
        union_parts = _split(total - sum(v for _h, v in own), UNION_WEIGHTS[:len(reporters)])
        growth = GROWTH_2011_H1[sector]
        for union, amount in zip(reporters, union_parts, strict=True):
            note = "本单位职工自营经济汇总"
            _return(H1_2012, sector, amount, union=union, note=note)
            _return(H1_2011, sector, _hundreds(amount * growth), union=union, note=note)
            _return(H2_2011, sector, _hundreds(amount * growth * SECOND_HALF_2011), union=union,
                    note=note)
        for household, amount in own:
            _return(H1_2012, sector, amount, household=household)
            if household.started_on <= H1_2011[0]:
                _return(H1_2011, sector, _hundreds(amount * growth), household=household)
                _return(H2_2011, sector, _hundreds(amount * growth * SECOND_HALF_2011),
                        household=household)
    for year, amount in TARGETS.items():
        _upsert(AnnualTarget, {"year": year}, {"value_added": amount, "note": "县委工作会议确定"})
    for owner, business, granted_on, amount, purpose in GRANTS:
        _upsert(SupportGrant,
                {"household": households[owner, business], "granted_on": granted_on},
                {"amount": Decimal(amount), "purpose": purpose})
