"""Synthetic pairings (with projects and ledgers), self-employed economy and activities."""

from datetime import date, timedelta
from decimal import Decimal

from activities.models import Activity
from economy.models import AnnualTarget, Household, Sector, SupportGrant, ValueAddedReturn
from pairings.models import (
    Beneficiary,
    FundEntry,
    Helper,
    Pairing,
    PairingHelper,
    Programme,
    Project,
    Round,
)

from .synthetic_context import COUNTIES, LAST_DAY, YEARS, Context, day_between, person_name, phone

ROUND_SPANS = ((date(2016, 1, 1), date(2018, 12, 31)), (date(2019, 1, 1), date(2021, 12, 31)),
               (date(2022, 1, 1), date(2024, 12, 31)), (date(2025, 1, 1), None))
ORDINALS = "一二三四五六七八九十"
POSTS = ("局副局长", "局调研员", "委副主任", "办主任")
UNITS = ("财政局", "人社局", "住建局", "农业农村局", "供电公司", "农商银行", "邮政分公司")
SCHOOLS = ("第一中学", "第二中学", "实验小学", "职业高中")
GRADES = ("初一", "初二", "初三", "高一", "高二", "高三")
FUND_FIELDS = ("round_id", "kind", "amount", "entered_on", "pairing_id", "project_id",
               "counterparty", "note", "entered_by_id", "version")


def money(rng, low: int, high: int, step: int = 100) -> Decimal:
    return Decimal(rng.randint(low // step, high // step) * step)


def _rounds(ctx: Context) -> tuple[int, int, list]:
    w = ctx.writer
    poverty, student = w.first_id(Programme), w.first_id(Programme) + 1
    w.insert(Programme, ("id", "name", "kind"), [
        (poverty, "“一帮一”扶贫创业工程", Programme.Kind.POVERTY),
        (student, "“金秋助学”结对", Programme.Kind.STUDENT)], label="programmes")
    first_id, rows, rounds = w.first_id(Round), [], []
    for programme, prefix, target in ((poverty, "扶贫第", Decimal("80.0")),
                                      (student, "助学第", None)):
        for number, (starts, ends) in enumerate(ROUND_SPANS):
            pk = first_id + len(rows)
            rows.append((pk, programme, f"{prefix}{ORDINALS[number]}轮", starts, ends, target, 0))
            rounds.append((pk, programme, starts, ends))
    w.insert(Round, ("id", "programme_id", "name", "starts_on", "ends_on", "exit_target",
                     "version"), rows, label="rounds")
    return poverty, student, rounds


def _helpers(ctx: Context, rng) -> dict[str, list[tuple[int, str]]]:
    first_id, rows, pools, seen = ctx.writer.first_id(Helper), [], {}, set()
    for kind, count in ((Helper.Kind.OFFICIAL, ctx.count(12, 2)),
                        (Helper.Kind.UNIT, ctx.count(6, 2)), (Helper.Kind.BRANCH, ctx.count(6, 2))):
        for serial in range(count):
            county = COUNTIES[serial % len(COUNTIES)]
            unit = f"{county}{rng.choice(UNITS)}"
            if kind == Helper.Kind.OFFICIAL:
                name, organisation = person_name(rng), unit + rng.choice(POSTS)
            elif kind == Helper.Kind.UNIT:
                name, organisation = f"{unit}{serial // len(COUNTIES) + 1}", ""
            else:
                name, organisation = f"{unit}第{serial // len(COUNTIES) + 1}党支部", unit
            while (kind, name, organisation) in seen:
                name += "甲"
            seen.add((kind, name, organisation))
            pk = first_id + len(rows)
            rows.append((pk, kind, name, organisation, phone(rng)))
            pools.setdefault(kind, []).append((pk, name))
    ctx.writer.insert(Helper, ("id", "kind", "name", "organisation", "phone"), rows,
                      label="helpers")
    return pools


def _status(rng, ends: date | None) -> str:
    roll = rng.random()
    if ends is not None:  # a finished round: most pairs got out of poverty
        return (Pairing.Status.EXITED if roll < 0.75 else Pairing.Status.ENDED if roll < 0.9
                else Pairing.Status.ACTIVE)
    return (Pairing.Status.ACTIVE if roll < 0.85 else Pairing.Status.EXITED if roll < 0.95
            else Pairing.Status.ENDED)


def _beneficiary(rng, pk: int, is_poverty: bool, workers: list[int],
                 names: set[tuple[str, str, str]]) -> tuple:
    """A hardship worker (most poverty pairs), else a named base or student, unique by name."""
    if is_poverty and workers and rng.random() < 0.7:
        return (pk, Beneficiary.Kind.WORKER, workers.pop(), "", "")
    kind = Beneficiary.Kind.BASE if is_poverty else Beneficiary.Kind.STUDENT
    county = rng.choice(COUNTIES)
    name = (f"{county}{person_name(rng)}创业基地" if is_poverty else person_name(rng))
    description = (f"{county}{rng.choice(('种植', '养殖', '加工'))}"
                   if is_poverty else f"{county}{rng.choice(SCHOOLS)}{rng.choice(GRADES)}")
    while (kind, name, description) in names:
        name += "二"
    names.add((kind, name, description))
    return (pk, kind, None, name, description)


def _student_entries(ctx: Context, rng, round_pk: int, pairing: int, branch: str,
                     paired: date, until: date) -> list[tuple]:
    """A party branch's yearly donation to its student, nine tenths of it paid out."""
    entries = []
    for year in range(paired.year, until.year + 1):
        given = max(date(year, 3, 1), paired)
        amount = money(rng, 1000, 3000)
        entries.append((round_pk, FundEntry.Kind.DONATION, amount, given, pairing, None,
                        branch, "", ctx.staff_id, 0))
        entries.append((round_pk, FundEntry.Kind.DISBURSED, amount * Decimal("0.9"),
                        max(date(year, 9, 1), given), pairing, None, "", "", ctx.staff_id, 0))
    return entries


def _poverty_projects(ctx: Context, rng, round_pk: int, pairing: int, paired: date, last: date,
                      first_project: int) -> tuple[list[tuple], list[tuple]]:
    """Up to two projects with their injections, and now and then a disbursement: (projects,
    fund entries), both going out of the round's fund."""
    projects, entries = [], []
    for number in range(rng.randint(0, 2)):
        project = first_project + len(projects)
        sector = rng.choice(list(Project.Sector))
        started = day_between(rng, paired, min(paired + timedelta(days=365), last))
        projects.append((project, pairing, sector, f"{sector.label}项目{number + 1}",
                         started, "", 0))
        for _ in range(rng.randint(1, 2)):
            entries.append((round_pk, FundEntry.Kind.INJECTED, money(rng, 5000, 50000, 1000),
                            day_between(rng, started, last), pairing, project, "", "",
                            ctx.staff_id, 0))
    if rng.random() < 0.3:
        entries.append((round_pk, FundEntry.Kind.DISBURSED, money(rng, 500, 3000),
                        day_between(rng, paired, last), pairing, None, "", "",
                        ctx.staff_id, 0))
    return projects, entries


def _raised(ctx: Context, rounds: list, outgoing: dict[int, Decimal]) -> list[tuple]:
    """Money is raised in each round's first month, before any pair exists: more than goes
    out."""
    entries = []
    for round_pk, _programme, starts, _ends in rounds:
        if round_pk in outgoing:
            share = (outgoing[round_pk] * Decimal("1.25") / 3).quantize(Decimal(1))
            for day in range(3):
                entries.append((round_pk, FundEntry.Kind.RAISED, share + 1000,
                                starts + timedelta(days=day * 10), None, None, "县财政及社会募集",
                                "", ctx.staff_id, 0))
    return entries


def gen_pairings(ctx: Context) -> None:
    """Pairings of four poverty and four student rounds, their projects and their ledgers."""
    rng, w = ctx.rng("pairings"), ctx.writer
    poverty, _student, rounds = _rounds(ctx)
    pools = _helpers(ctx, rng)
    total = ctx.count(30, 8)
    workers = rng.sample([pk for pk, _r, _e in ctx.workers], min(total, len(ctx.workers)))
    beneficiaries, pairings, links, projects, entries = [], [], [], [], []
    ids = {model: w.first_id(model) for model in (Beneficiary, Pairing, Project)}
    outgoing: dict[int, Decimal] = {}
    names: set[tuple[str, str, str]] = set()
    for serial in range(total):
        round_pk, programme, starts, ends = rounds[serial % len(rounds)]
        last = ends or LAST_DAY
        is_poverty = programme == poverty
        beneficiary = ids[Beneficiary] + len(beneficiaries)
        beneficiaries.append(_beneficiary(rng, beneficiary, is_poverty, workers, names))
        pairing = ids[Pairing] + len(pairings)
        paired = day_between(rng, starts + timedelta(days=30),
                             min(starts + timedelta(days=300), last))
        status = _status(rng, ends)
        closed = None if status == Pairing.Status.ACTIVE else day_between(rng, paired, last)
        pairings.append((pairing, round_pk, beneficiary, paired, status, closed, "", 0))
        if not is_poverty:
            branch_pk, branch = rng.choice(pools[Helper.Kind.BRANCH])
            links.append((pairing, branch_pk))
            entries += _student_entries(ctx, rng, round_pk, pairing, branch, paired,
                                        closed or last)
            continue
        links.append((pairing, rng.choice(pools[Helper.Kind.OFFICIAL])[0]))
        links.append((pairing, rng.choice(pools[Helper.Kind.UNIT])[0]))
        new_projects, out = _poverty_projects(ctx, rng, round_pk, pairing, paired, last,
                                              ids[Project] + len(projects))
        projects += new_projects
        entries += out
        if out:
            outgoing[round_pk] = outgoing.get(round_pk, Decimal(0)) + sum(e[2] for e in out)
    entries += _raised(ctx, rounds, outgoing)
    w.insert(Beneficiary, ("id", "kind", "worker_id", "name", "description"), beneficiaries,
             label="beneficiaries")
    w.insert(Pairing, ("id", "round_id", "beneficiary_id", "paired_on", "status", "closed_on",
                       "note", "version"), pairings, label="pairings")
    w.insert(PairingHelper, ("pairing_id", "helper_id"), links, label="pairing helpers")
    w.insert(Project, ("id", "pairing_id", "sector", "name", "started_on", "note", "version"),
             projects, label="projects")
    w.insert(FundEntry, FUND_FIELDS, entries, label="fund entries")


BUSINESSES = {
    Sector.AGRICULTURE: ("地栽黑木耳", "肉牛养殖", "蓝莓种植"),
    Sector.INDUSTRY: ("木制品加工", "豆制品作坊"), Sector.TRANSPORT: ("货运", "客运出租"),
    Sector.TRADE: ("便民超市", "山特产品批发"), Sector.HOSPITALITY: ("农家乐", "快餐店"),
    Sector.CULTURE: ("文化用品", "棋牌茶社"), Sector.HEALTH: ("养老服务", "家政护理"),
    Sector.OTHER_SERVICES: ("家电维修", "洗车"),
}


def halves(first: date, last: date):
    for year in YEARS:
        for start, end in ((date(year, 1, 1), date(year, 6, 30)),
                           (date(year, 7, 1), date(year, 12, 31))):
            if start >= first and end <= last:
                yield start, end


def gen_economy(ctx: Context) -> None:
    """Households, half-year value-added returns of households and unions, targets, grants."""
    rng, w = ctx.rng("economy"), ctx.writer
    first_id, households, grants, seen = w.first_id(Household), [], [], set()
    returns, by_year = [], {}
    for serial in range(ctx.count(70, 3)):
        union = rng.choice(ctx.unions)[0]
        sector = rng.choice(list(Sector))
        owner, business = person_name(rng), rng.choice(BUSINESSES[sector])
        while (union, owner, business) in seen:
            owner += "华"
        seen.add((union, owner, business))
        started = day_between(rng, date(2012, 1, 1), date(2025, 6, 30))
        closed = day_between(rng, started, LAST_DAY) if rng.random() < 0.1 else None
        pk = first_id + serial
        households.append((pk, owner, rng.choice(list(Household.OwnerStatus)), union, sector,
                           business, started, closed, phone(rng), "", 0))
        for start, end in halves(started, closed or LAST_DAY):
            value = money(rng, 20_000, 300_000)
            returns.append((None, pk, sector, start, end, value, "", 0))
            by_year[start.year] = by_year.get(start.year, Decimal(0)) + value
        for _ in range(rng.randint(0, 2)):
            grants.append((pk, money(rng, 2000, 20000), day_between(rng, started, LAST_DAY),
                           "扶持资金", 0))
    for union, _county, established, dissolved in rng.sample(ctx.unions,
                                                            min(len(ctx.unions),
                                                                ctx.count(75, 3))):
        sector = rng.choice(list(Sector))
        for start, end in halves(established, dissolved or LAST_DAY):
            value = money(rng, 100_000, 5_000_000)
            returns.append((union, None, sector, start, end, value, "", 0))
            by_year[start.year] = by_year.get(start.year, Decimal(0)) + value
    w.insert(Household, ("id", "owner", "owner_status", "union_id", "sector", "business",
                         "started_on", "closed_on", "phone", "address", "version"), households,
             label="households")
    w.insert(ValueAddedReturn, ("union_id", "household_id", "sector", "period_start",
                                "period_end", "value_added", "note", "version"), returns,
             label="value-added returns", total=len(returns))
    w.insert(AnnualTarget, ("year", "value_added", "note", "version"), [
        (year, (by_year.get(year, Decimal(0)) * Decimal("1.08")).quantize(Decimal(1)) + 10000,
         "", 0) for year in YEARS], label="annual targets")
    w.insert(SupportGrant, ("household_id", "amount", "granted_on", "purpose", "version"),
             grants, label="support grants")


SPORTS = ("篮球赛", "乒乓球赛", "拔河比赛", "职工运动会", "歌咏比赛", "书画展", "技能大赛",
          "象棋比赛", "长跑比赛", "文艺汇演")


def gen_activities(ctx: Context) -> None:
    rng, w = ctx.rng("activities"), ctx.writer
    first_id, rows, links, seen = w.first_id(Activity), [], [], set()
    union_ids = [pk for pk, *_rest in ctx.unions]
    for serial in range(ctx.count(50, 2)):
        county, sport = rng.choice(COUNTIES), rng.choice(SPORTS)
        edition = rng.randint(1, 20)
        held = day_between(rng, date(2016, 1, 1), LAST_DAY)
        title = f"{county}第{edition}届职工{sport}"
        while (title, held) in seen:
            held += timedelta(days=1)
        seen.add((title, held))
        pk = first_id + serial
        kind = (Activity.Kind.SPORTS if "赛" in sport or "运动" in sport
                else Activity.Kind.ARTS)
        rows.append((pk, title, kind, edition, rng.choice(("", "信合杯", "电力杯")), held,
                     f"{county}体育局、{county}文化馆", rng.choice(list(Activity.Level)),
                     "职工", rng.randint(30, 800), "圆满完成", "", 0))
        for union in rng.sample(union_ids, min(len(union_ids), rng.randint(0, 6))):
            links.append((pk, union))
    w.insert(Activity, ("id", "title", "kind", "edition", "cup", "held_on", "co_organisers",
                        "level", "participants", "participant_count", "results", "awards",
                        "version"), rows, label="activities")
    w.insert(Activity.unions.through, ("activity_id", "union_id"), links,
             label="activity unions")
