"""Synthetic records for the benchmark: `gen_data --scale N --seed S`.

Scale 1 is one county like the demo (about 120 unions, 1,000 hardship workers, 10,000 aid cases);
scale 100 a province (12,000 unions, 100,000 workers, about 1,000,000 aid cases), always with ten
years of history (2016-2025). The same scale and seed give the same rows. Records obey the apps'
rules: check-digit-correct ID numbers and credit codes, dates inside rounds and campaigns, amounts
under the caps, ledgers that never inject more than they raised. The simple-history tables are not
filled: synthetic records have no edit history.
"""

import itertools
import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_group
from aid.models import AidCase, ArchiveSpell, Campaign, HardshipWorker
from aid.validators import resident_id_checksum
from core.pinyin import search_key
from unions.models import HeadcountReturn, Union
from unions.validators import CREDIT_CODE_CHARSET, credit_code_check_character

from . import synthetic_archive, synthetic_funds, synthetic_programmes
from .synthetic_context import (
    COUNTIES,
    FIRST_DAY,
    LAST_DAY,
    YEARS,
    Context,
    day_between,
    moment,
    person_name,
    phone,
)
from .writer import Progress, Writer

BENCH_USERS = (("bench-staff", Role.STAFF, "基准录入员"), ("bench-leader", Role.LEADER, "基准领导"))

BRANDS = "兴华宏达鑫源恒丰永盛金泰龙江北林森茂丰收长青瑞祥福顺安康隆昌"
INDUSTRIES = ("木业", "粮油", "建材", "物流", "商贸", "食品", "林产", "矿业", "电力", "纺织",
              "机械", "化工", "农牧", "水务", "旅游", "医药")
SUFFIXES = ("有限公司", "股份有限公司", "厂", "合作社", "集团")
PUBLIC = ((Union.Kind.INSTITUTION, ("第一中学", "人民医院", "中心小学", "职业学校", "疾控中心")),
          (Union.Kind.GOVERNMENT, ("财政局", "税务局", "交通局", "林业局", "民政局", "水利局")),
          (Union.Kind.COMMUNITY, ("东城社区", "西城社区", "南山社区", "北岸社区")),
          (Union.Kind.TOWNSHIP, ("朝阳镇", "向阳乡", "红光乡", "青山镇")))


def region_code(county: int) -> str:
    return "230722" if county == 0 else f"{230700 + county * 3:06d}"


def credit_code(serial: int, kind: str, county: int) -> str:
    """A unique code per serial: authority/category, region, organisation code, check char."""
    head = {Union.Kind.GOVERNMENT: "11", Union.Kind.INSTITUTION: "12"}.get(kind, "91")
    digits, value = [], serial * 7919 + 104_729
    for _ in range(9):
        value, rest = divmod(value, 31)
        digits.append(CREDIT_CODE_CHARSET[rest])
    first17 = head + region_code(county) + "".join(reversed(digits))
    return first17 + credit_code_check_character(first17)


def resident_id(rng: random.Random, county: int, taken: set[str]) -> str:
    while True:
        born = day_between(rng, date(1958, 1, 1), date(1996, 12, 31))
        first17 = f"{region_code(county)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
        number = first17 + resident_id_checksum(first17)
        if number not in taken:
            taken.add(number)
            return number


def bench_users(ctx: Context) -> None:
    ids = []
    for username, role, full_name in BENCH_USERS:
        user, created = User.objects.get_or_create(username=username,
                                                   defaults={"full_name": full_name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.set([role_group(role)])
        ids.append(user.pk)
    ctx.staff_id, ctx.leader_id = ids


def gen_unions(ctx: Context) -> None:
    rng = ctx.rng("unions")
    total = ctx.count(120, 5)
    counties = max(1, round(ctx.scale))
    first_id = ctx.writer.first_id(Union)
    names: set[str] = set()
    joints: dict[int, list[int]] = {}
    rows = []
    for serial in range(total):
        pk, county = first_id + serial, serial % counties
        place = COUNTIES[county % len(COUNTIES)] + ("县" if county < len(COUNTIES) else
                                                    f"{county // len(COUNTIES) + 1}区")
        industry = rng.choice(INDUSTRIES)
        if serial < counties * 3:  # three industry joint unions per county
            kind, name = Union.Kind.JOINT, f"{place}{INDUSTRIES[serial // counties]}行业联合工会"
        elif rng.random() < 0.2:
            kind, units = rng.choice(PUBLIC)
            name = f"{place}{rng.choice(units)}工会"
        else:
            kind = rng.choice((Union.Kind.PRIVATE, Union.Kind.PRIVATE, Union.Kind.STATE_OWNED,
                               Union.Kind.COLLECTIVE, Union.Kind.FOREIGN, Union.Kind.OTHER))
            name = (f"{place}{rng.choice(BRANDS)}{rng.choice(BRANDS)}{industry}"
                    f"{rng.choice(SUFFIXES)}工会")
        base, n = name, 1
        while name in names:
            n += 1
            name = base.replace("工会", f"第{n}分会") if kind != Union.Kind.JOINT else f"{base}{n}"
        names.add(name)
        if kind == Union.Kind.JOINT:
            established, dissolved = day_between(rng, date(2000, 1, 1), date(2012, 12, 31)), None
            joints.setdefault(county, []).append(pk)
        else:
            established = (day_between(rng, date(1990, 1, 1), date(2015, 12, 31))
                           if rng.random() < 0.6 else day_between(rng, FIRST_DAY, LAST_DAY))
            dissolved = (day_between(rng, max(established, FIRST_DAY), LAST_DAY)
                         if rng.random() < 0.06 else None)
        joint = (rng.choice(joints[county]) if kind == Union.Kind.PRIVATE and joints.get(county)
                 and rng.random() < 0.3 else None)
        code = "" if rng.random() < 0.15 else credit_code(serial, kind, county)
        rows.append((pk, name, search_key(name), kind, code, person_name(rng), phone(rng),
                     f"{place}{industry}路{rng.randint(1, 300)}号", established, dissolved, joint,
                     0))
        if kind != Union.Kind.JOINT:
            ctx.unions.append((pk, county, established, dissolved))
    ctx.writer.insert(Union, ("id", "name", "name_pinyin", "kind", "credit_code", "chair", "phone",
                              "address", "established_on", "dissolved_on", "joint_union_id",
                              "version"),
                      rows, label="unions", total=total)


def return_days() -> list[date]:
    days = []
    for year in YEARS:
        days += [date(year, 3, 31), date(year, 6, 30), date(year, 9, 30), date(year, 12, 31)]
    return days


def gen_returns(ctx: Context) -> None:
    rng = ctx.rng("returns")
    days = return_days()

    def rows():
        for pk, _county, established, dissolved in ctx.unions:
            members = rng.randint(8, 900)
            quarterly = members > 450  # the larger unions report every quarter
            skips = rng.random() < 0.08  # some unions miss returns
            for day in days:
                if day < established or (dissolved and day > dissolved):
                    continue
                if (not quarterly and day.month in (3, 9)) or (skips and rng.random() < 0.5):
                    continue
                joined = rng.randint(0, max(1, members // 20))
                members = max(joined, members + joined - rng.randint(0, max(1, members // 25)))
                employed = members + rng.randint(0, members // 5)
                laid_off = rng.randint(0, members // 15)
                yield (pk, day, members, employed, laid_off, joined, 0)

    ctx.writer.insert(HeadcountReturn, ("union_id", "as_of", "members", "employed", "laid_off",
                                        "joined", "version"),
                      rows(), label="headcount returns", total=ctx.count(2900))


def gen_workers(ctx: Context) -> None:
    rng = ctx.rng("workers")
    total = ctx.count(1000, 20)
    first_id = ctx.writer.first_id(HardshipWorker)
    taken: set[str] = set()
    levels = list(HardshipWorker.HardshipLevel)
    # The original three statuses and six causes (the first of each list): the same random
    # sequence, so the same people, as before the national form's longer lists.
    statuses = [*list(HardshipWorker.EmploymentStatus)[:2], HardshipWorker.EmploymentStatus.RETIRED]
    causes = [c.value for c in HardshipWorker.Cause][:6]

    def rows():
        for serial in range(total):
            union, county, established, _dissolved = rng.choice(ctx.unions)
            number = resident_id(rng, county, taken)
            registered = day_between(rng, max(date(2014, 1, 1), established), LAST_DAY)
            exited = (day_between(rng, registered, LAST_DAY) if rng.random() < 0.3 else None)
            ctx.workers.append((first_id + serial, registered, exited))
            # Drawn in the order of the original columns (the same people as before).
            name, telephone = person_name(rng), phone(rng)
            status, level = rng.choice(statuses), rng.choice(levels)
            worker_causes = rng.sample(causes, rng.randint(1, 2))
            size, per_person = rng.randint(1, 6), Decimal(rng.randint(200, 1500))
            ctx.households.append((size, level.value, county))
            yield (first_id + serial, name, search_key(name), number,
                   date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
                   "M" if int(number[16]) % 2 else "F", telephone, union, "",
                   status, level, worker_causes[0],
                   worker_causes[1:], size, per_person * size, per_person * size * 12,
                   per_person, registered, exited,
                   "exited" if exited else "active", "good", "none", "own", "urban", "", "", "",
                   "", Decimal(0), Decimal(0), "", "", 0)

    ctx.writer.insert(HardshipWorker, (
        "id", "name", "name_pinyin", "id_number", "birth_date", "sex", "phone", "union_id",
        "employer", "employment_status", "hardship_level", "main_cause", "secondary_causes",
        "household_size", "own_monthly_income", "household_annual_income", "income_per_capita",
        "registered_on", "exited_on", "state", "health", "model_worker", "housing", "hukou",
        "address", "disability_class", "marital_status", "above_line_reason",
        "other_annual_income", "members_monthly_income", "bank_name", "bank_account", "version"),
        rows(), label="hardship workers", total=total)
    # Each archive active from its registration (approved by the leader), closed on its exit.
    ctx.writer.insert(ArchiveSpell, (
        "worker_id", "started_on", "ended_on", "end_reason", "end_note", "relapse",
        "prepared_by_id", "approved_by_id", "approved_at"),
        ((worker, registered, exited, "income" if exited else "", "", False, ctx.staff_id,
          ctx.leader_id, moment(registered)) for worker, registered, exited in ctx.workers),
        label="archive spells", total=total)


CAMPAIGNS = (("元旦春节送温暖", (1, 5), (2, 15), Decimal(500)),
             ("夏季送清凉", (7, 1), (8, 15), Decimal(300)))


def gen_campaigns(ctx: Context) -> list[tuple[int, date, date, Decimal]]:
    first_id = ctx.writer.first_id(Campaign)
    campaigns, rows = [], []
    for year in YEARS:
        for name, (m1, d1), (m2, d2), amount in CAMPAIGNS:
            pk = first_id + len(rows)
            starts, ends = date(year, m1, d1), date(year, m2, d2)
            rows.append((pk, f"{year}年{name}", starts, ends, amount, "", 0))
            campaigns.append((pk, starts, ends, amount))
    ctx.writer.insert(Campaign, ("id", "name", "starts_on", "ends_on", "standard_amount",
                                 "notes", "version"), rows, label="campaigns")
    return campaigns


PAYMENT_SHARES = 1000  # a payment batch per month and county (counties beyond share batches)
RELIEF = ((AidCase.Kind.LIVING, 500, 3000), (AidCase.Kind.MEDICAL, 1000, 10000),
          (AidCase.Kind.EDUCATION, 1000, 5000))
CASE_FIELDS = ("id", "fund_source_id", "worker_id", "kind", "method", "campaign_id", "amount",
               "granted_on", "notes",
               "status", "version", "entered_by_id", "entered_at", "submitted_by_id",
               "submitted_at", "approved_by_id", "approved_at", "paid_by_id", "paid_at",
               "rejected_by_id", "rejected_at", "rejection_reason")


def case_row(ctx: Context, rng: random.Random, worker: int, kind: str, campaign: int | None,
             amount: Decimal, granted: date) -> tuple:
    roll = rng.random()
    status = (AidCase.Status.PAID if roll < 0.85 else AidCase.Status.APPROVED if roll < 0.93
              else AidCase.Status.SUBMITTED if roll < 0.96 else AidCase.Status.DRAFT
              if roll < 0.98 else AidCase.Status.REJECTED)
    staff, leader = ctx.staff_id, ctx.leader_id
    entered = moment(granted)
    submitted = moment(granted, 11) if status != AidCase.Status.DRAFT else None
    decided = moment(granted, 15) if submitted else None
    counted = status in AidCase.COUNTED_STATUSES
    paid = status == AidCase.Status.PAID
    rejected = status == AidCase.Status.REJECTED
    # Charged to the source of its kind and year when approved (aid.funds_services.charge).
    source = ctx.fund_sources.get((granted.year, kind)) if counted else None
    pk = next(ctx.case_ids)
    if paid:
        county = ctx.households[worker - ctx.workers[0][0]][2]
        ctx.paid_cases.add(pk, county % PAYMENT_SHARES, granted, amount)
    return (pk, source, worker, kind, rng.choice((AidCase.Method.HOME, AidCase.Method.HOME,
                                      AidCase.Method.ON_SITE)),
            campaign, amount, granted, "", status, 0, staff, entered,
            staff if submitted else None, submitted,
            leader if counted else None, decided if counted else None,
            leader if paid else None, moment(granted, 17) if paid else None,
            leader if rejected else None, decided if rejected else None,
            "材料不全" if rejected else "")


def gen_cases(ctx: Context) -> None:
    rng = ctx.rng("cases")
    campaigns = gen_campaigns(ctx)
    ctx.case_ids = itertools.count(ctx.writer.first_id(AidCase))
    ctx.paid_cases = synthetic_funds.PaidCases()

    def rows():
        for worker, registered, exited in ctx.workers:
            last = exited or LAST_DAY
            for pk, starts, ends, amount in campaigns:
                first_day, last_day = max(starts, registered), min(ends, last)
                if first_day <= last_day and rng.random() < 0.75:
                    yield case_row(ctx, rng, worker, AidCase.Kind.VISIT, pk, amount,
                                   day_between(rng, first_day, last_day))
            for _ in range(rng.randint(0, 9)):
                kind, low, high = rng.choice(RELIEF)
                yield case_row(ctx, rng, worker, kind, None,
                               Decimal(rng.randint(low // 100, high // 100) * 100),
                               day_between(rng, registered, last))

    ctx.writer.insert(AidCase, CASE_FIELDS, rows(), label="aid cases", total=ctx.count(10000))


def generate(*, scale: float, seed: int, progress: Progress | None = None) -> dict[str, int]:
    """Write the synthetic records of `scale` and `seed` into empty domain tables, in one
    transaction; returns the number of rows written per kind."""
    writer = Writer(progress or Progress(enabled=False))
    ctx = Context(scale=scale, seed=seed, writer=writer)
    with transaction.atomic():
        bench_users(ctx)
        gen_unions(ctx)
        gen_returns(ctx)
        gen_workers(ctx)
        synthetic_archive.gen_archive(ctx)
        synthetic_funds.gen_sources(ctx)
        gen_cases(ctx)
        synthetic_funds.gen_payments(ctx)
        synthetic_programmes.gen_pairings(ctx)
        synthetic_programmes.gen_economy(ctx)
        synthetic_programmes.gen_activities(ctx)
        writer.finish()
    return writer.counts
