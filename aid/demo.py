"""The demo slice: Jiayin County's hardship workers and their aid in 2011 and 2012.

For 2012-01-01..2012-06-30 the counted cases give the seed's figures exactly: the 2012
two-festival campaign visited 133 workers in extreme hardship with 66,500 yuan (500 each);
relief reached 21 workers with 70,000 yuan (living 28,000, medical 32,000, education 10,000).
Pending and rejected cases sit beside them without changing those figures, and 2011 has its own
cases so that a year-earlier comparison has data. All ID numbers are fictitious (region 230722,
Jiayin County) but carry a correct check character. Workers are spread over the existing active
non-joint unions in primary-key order, whatever their names.

Aid money (issue 17): the 2012 campaign is charged to the provincial federation's 送温暖 grant,
living and medical relief to the central special fund, education relief to donations; each
source's 2012 allocation covers what is charged to it (a county matching fund is left unspent).
The campaign's paid visits were paid in one bank batch (社会化发放), the first half's paid relief
against one signing sheet (签领); approved-but-unpaid cases stay committed. 2011 is uncharged.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from accounts.roles import Role
from core.pinyin import search_key
from unions.models import Union

from .models import (
    AidCase,
    ArchiveSettings,
    ArchiveSpell,
    Campaign,
    FundAllocation,
    FundSource,
    HardshipWorker,
    HomeSurvey,
    KindFundSource,
    LivingStandard,
    NoticeObjection,
    PaymentBatch,
    PaymentLine,
    PublicNotice,
    ReviewOutcome,
    ReviewRound,
)
from .validators import birth_date_of, resident_id_checksum, sex_of

REGION = "230722"  # 嘉荫县
WORKERS = 150
EXTREME = 133  # workers 0..132 are in extreme hardship and were visited in the 2012 campaign
SHANGHAI = ZoneInfo("Asia/Shanghai")

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢"
    "蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
)
MEN = (
    "建国", "国庆", "志强", "永生", "德福", "宝山", "长顺", "立新", "振华", "亚军", "俊峰", "国富",
    "福林", "晓东", "殿臣", "文斌", "广才", "树林", "占武", "学军", "成林", "铁军", "少杰", "洪涛",
)
WOMEN = (
    "桂兰", "秀英", "玉珍", "淑华", "凤芝", "丽华", "春梅", "金凤", "海燕", "素芬", "红梅", "雪梅",
    "玉兰", "淑芬", "秀芝", "凤琴", "桂芝", "丽娟", "艳玲", "翠兰", "春华", "玉梅", "淑兰", "秀云",
)
EMPLOYERS = (
    "嘉荫县林业局", "嘉荫县粮食储备库", "嘉荫县供销合作社", "嘉荫县农机修造厂", "嘉荫县百货公司",
    "嘉荫县乌云镇农场", "嘉荫县朝阳镇社区", "嘉荫县客运站", "嘉荫县自来水公司", "嘉荫县酒厂",
)
CAUSES = (
    ["illness"], ["disability"], ["unemployment"], ["schooling"], ["illness", "unemployment"],
    ["disaster"], ["illness", "schooling"], ["other"],
)

CAMPAIGNS = (
    # name, starts, ends, standard amount per visit
    ("2011年两节送温暖", date(2010, 12, 20), date(2011, 2, 15), Decimal(400)),
    ("2012年两节送温暖", date(2011, 12, 20), date(2012, 1, 31), Decimal(500)),
)

# Relief cases: (worker index, kind, amount, granted on, status)
L, M, E = AidCase.Kind.LIVING, AidCase.Kind.MEDICAL, AidCase.Kind.EDUCATION
PAID, APPROVED = AidCase.Status.PAID, AidCase.Status.APPROVED
RELIEF_2012 = (
    # living: 8 × 2,500 + 2 × 4,000 = 28,000 (workers 120..129)
    *((120 + i, L, Decimal(2500), date(2012, 2, 6) + timedelta(days=9 * i), PAID)
      for i in range(8)),
    (128, L, Decimal(4000), date(2012, 4, 18), PAID),
    (129, L, Decimal(4000), date(2012, 5, 9), APPROVED),
    # medical: 32,000 (workers 129..135; 129 also had living relief: counted once in the 21)
    (129, M, Decimal(8000), date(2012, 3, 14), PAID),
    (130, M, Decimal(6000), date(2012, 3, 27), PAID),
    (131, M, Decimal(5000), date(2012, 4, 10), PAID),
    (132, M, Decimal(4000), date(2012, 4, 24), PAID),
    (133, M, Decimal(3000), date(2012, 5, 15), PAID),
    (134, M, Decimal(3000), date(2012, 5, 29), APPROVED),
    (135, M, Decimal(3000), date(2012, 6, 12), APPROVED),
    # education: 5 × 2,000 = 10,000 (workers 136..140)
    *((136 + i, E, Decimal(2000), date(2012, 2, 20) + timedelta(days=7 * i), PAID)
      for i in range(5)),
)
RELIEF_2011 = (
    # workers 146..149 left hardship at the end of 2011
    *((146 + i, L, Decimal(3000), date(2011, 3, 8) + timedelta(days=14 * i), PAID)
      for i in range(4)),
    (100, L, Decimal(3000), date(2011, 5, 17), PAID),
    (101, L, Decimal(3000), date(2011, 6, 8), PAID),
    *((106 + i, M, Decimal(5000), date(2011, 3, 22) + timedelta(days=16 * i), PAID)
      for i in range(5)),
    *((111 + i, E, Decimal(2000), date(2011, 2, 28) + timedelta(days=10 * i), PAID)
      for i in range(4)),
)
# Not counted: (worker index, kind, amount, granted on, status, reason for rejection)
UNCOUNTED_2012 = (
    (141, L, Decimal(1500), date(2012, 6, 20), AidCase.Status.DRAFT, ""),
    (142, M, Decimal(6000), date(2012, 6, 25), AidCase.Status.SUBMITTED, ""),
    (143, E, Decimal(2000), date(2012, 6, 28), AidCase.Status.SUBMITTED, ""),
    (144, L, Decimal(3000), date(2012, 5, 10), AidCase.Status.REJECTED,
     "家庭人均收入超过救助标准。"),
    (120, M, Decimal(5000), date(2012, 4, 12), AidCase.Status.REJECTED,
     "医疗费用已由医保报销，不予重复救助。"),
)
# A visit turned down: worker 145 is not in extreme hardship.
REJECTED_VISIT = (145, date(2012, 1, 12), "不属于特困职工，改为生活救助评估。")


# The archives (issue 16): every worker was surveyed, noticed and approved after registration;
# the 2011 review took 146..149 out of hardship at the year's end; in 2012 worker 146 fell back
# (返困) and came back through survey, notice and approval; the 2012 review (approved 16 April)
# moved 137 to relative hardship and took 138..140 out; 141 and 142 were not reviewed in 2012.
LIVING_LINES = ((2009, Decimal(280)), (2010, Decimal(320)), (2011, Decimal(380)),
                (2012, Decimal(430)))
HEALTH = ("good", "chronic", "good", "serious", "disabled", "good", "cancer")
HOUSING = ("own", "rented", "public", "own", "borrowed")
EXITED_2011 = range(146, 150)
REVIEW_2011_APPROVED = date(2011, 12, 31)
REVIEW_2012_APPROVED = date(2012, 4, 16)
EXITS_2012 = {138: "employment", 139: "income", 140: "other"}
EXIT_REASONS_2011 = ("employment", "income", "employment", "other")
CHANGED_2012 = {137: "relative"}
NOT_REVIEWED_2012 = (141, 142)
RELAPSE = 146
RELAPSE_SURVEY, RELAPSE_NOTICE = date(2012, 3, 12), (date(2012, 3, 14), date(2012, 3, 20))
RELAPSE_APPROVED = date(2012, 3, 26)
OBJECTION = 5  # the notice of worker 5 had an objection, resolved before approval


def registered_on(index: int) -> date:
    return date(2009, 3, 2) + timedelta(days=(index * 5) % 600)


def _final_state(index: int) -> str:
    if index in EXITS_2012 or (index in EXITED_2011 and index != RELAPSE):
        return HardshipWorker.State.EXITED
    return HardshipWorker.State.ACTIVE


def _final_exit(index: int) -> date | None:
    if index in EXITS_2012:
        return REVIEW_2012_APPROVED
    if index in EXITED_2011 and index != RELAPSE:
        return REVIEW_2011_APPROVED
    return None

# Fund sources: name, kind, 2012 allocation, received on, document number; the kinds charged.
FUNDS = (
    ("省总工会送温暖专项资金", FundSource.Kind.PROVINCE, Decimal(70000), date(2011, 12, 15),
     "黑工发〔2011〕41号", ()),  # noqa: RUF001 (the document number's own brackets)
    ("中央财政专项帮扶资金", FundSource.Kind.CENTRAL, Decimal(72000), date(2012, 1, 16),
     "黑工发〔2012〕3号", (L, M)),  # noqa: RUF001
    ("社会捐赠帮扶资金", FundSource.Kind.DONATION, Decimal(12000), date(2012, 2, 8),
     "", (E,)),
    ("县级配套帮扶资金", FundSource.Kind.COUNTY, Decimal(20000), date(2012, 3, 1),
     "嘉政发〔2012〕12号", ()),  # noqa: RUF001
)
CAMPAIGN_FUND = "省总工会送温暖专项资金"
BANKS = ("中国农业银行嘉荫县支行", "中国邮政储蓄银行嘉荫县支行", "嘉荫农村信用合作联社")
VISIT_BATCH = ("2012年两节送温暖慰问金（社会化发放）", PaymentBatch.Method.BANK, date(2012, 1, 21))
RELIEF_BATCH = ("2012年上半年救助资金签领", PaymentBatch.Method.CASH, date(2012, 5, 31))


class DemoDependencyMissing(RuntimeError):
    """The slice needs the unions and the demo users loaded first."""


def id_number_for(index: int) -> str:
    """A fictitious, checksum-correct ID number of Jiayin County, one per worker index."""
    born = date(1955, 1, 1) + timedelta(days=(index * 97) % (30 * 365))
    sequence = 10 + (index * 7) % 90
    sex_digit = 2 * (index // 2 % 5) + (1 if index % 2 == 0 else 0)  # odd: a man (even index)
    first17 = f"{REGION}{born:%Y%m%d}{sequence:02d}{sex_digit}"
    return first17 + resident_id_checksum(first17)


def name_for(index: int) -> str:
    """Even indexes are men, odd ones women, as their ID numbers say."""
    given = MEN if index % 2 == 0 else WOMEN
    return SURNAMES[(index * 7) % len(SURNAMES)] + given[(index * 5 // 2) % len(given)]


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def _unions() -> list[Union]:
    unions = list(Union.objects.filter(dissolved_on__isnull=True).exclude(kind="joint")
                  .order_by("pk"))
    if not unions:
        raise DemoDependencyMissing(
            "The aid demo needs active grassroots unions: load the unions demo first.")
    return unions


def _users():
    users = get_user_model().objects.order_by("pk")
    staff = users.filter(groups__name=Role.STAFF).first()
    leader = users.filter(groups__name=Role.LEADER).exclude(pk=getattr(staff, "pk", None)).first()
    if staff is None or leader is None:
        raise DemoDependencyMissing(
            "The aid demo needs a staff user and a leader: load the demo users first.")
    return staff, leader


def _new_worker(index: int, union: Union) -> HardshipWorker:
    level = (HardshipWorker.HardshipLevel.EXTREME if index < EXTREME else
             (HardshipWorker.HardshipLevel.RELATIVE, HardshipWorker.HardshipLevel.ACCIDENT)
             [index % 2])
    id_number = id_number_for(index)
    name = name_for(index)
    size = 1 + index % 5
    worker = HardshipWorker(
        name=name,
        name_pinyin=search_key(name),  # bulk_create skips save(), which derives it
        id_number=id_number,
        birth_date=birth_date_of(id_number),  # bulk_create skips save(), which derives them
        sex=sex_of(id_number),
        phone=f"139{4586_0000 + index * 37:08d}",
        union=union,
        employer=EMPLOYERS[index % len(EMPLOYERS)],
        employment_status=(HardshipWorker.EmploymentStatus.LAID_OFF,
                           HardshipWorker.EmploymentStatus.EMPLOYED,
                           HardshipWorker.EmploymentStatus.RETIRED)[index % 3],
        hardship_level=level,
        main_cause=CAUSES[index % len(CAUSES)][0],
        secondary_causes=CAUSES[index % len(CAUSES)][1:],
        household_size=size,
        own_monthly_income=Decimal(180 + (index * 13) % 320) * size,
        registered_on=registered_on(index),
        state=_final_state(index),
        exited_on=_final_exit(index),
        health=HEALTH[index % len(HEALTH)],
        housing=HOUSING[index % len(HOUSING)],
        marital_status="married" if index % 3 else "widowed",
        address=f"嘉荫县朝阳镇{1 + index % 9}委{10 + index}号",
        bank_name=BANKS[index % len(BANKS)],
        bank_account=f"62284{index * 7919 % 10**12:012d}{index % 100:02d}",
    )
    worker.compute_income()  # bulk_create skips save(), which computes it
    if worker.income_per_capita > dict(LIVING_LINES)[worker.registered_on.year]:
        worker.above_line_reason = "支出型困难：医疗和子女就学支出大。"
    return worker


def _workers(unions: list[Union], staff) -> list[HardshipWorker]:
    """The demo workers by index, created where missing (the ID number is the natural key)."""
    numbers = [id_number_for(i) for i in range(WORKERS)]
    existing = HardshipWorker.objects.in_bulk(numbers, field_name="id_number")
    missing = [_new_worker(i, unions[i % len(unions)]) for i, number in enumerate(numbers)
               if number not in existing]
    for worker in bulk_create_with_history(missing, HardshipWorker, default_user=staff):
        existing[worker.id_number] = worker
    return [existing[number] for number in numbers]


def _new_case(*, worker: HardshipWorker, kind: str, amount: Decimal, granted_on: date,
              status: str, staff, leader, campaign: Campaign | None = None,
              method: str = AidCase.Method.HOME, reason: str = "") -> AidCase:
    case = AidCase(worker=worker, kind=kind, amount=amount, granted_on=granted_on,
                   campaign=campaign, method=method, entered_by=staff,
                   entered_at=_moment(granted_on, 9), status=status)
    if status != AidCase.Status.DRAFT:
        case.submitted_by, case.submitted_at = staff, _moment(granted_on, 17)
    if status in AidCase.COUNTED_STATUSES:
        case.approved_by, case.approved_at = leader, _moment(granted_on + timedelta(days=1), 10)
    if status == AidCase.Status.PAID:
        case.paid_by, case.paid_at = leader, _moment(granted_on + timedelta(days=2), 15)
    if status == AidCase.Status.REJECTED:
        case.rejected_by, case.rejected_at = leader, _moment(granted_on + timedelta(days=1), 11)
        case.rejection_reason = reason
    return case


def _funds() -> dict[str, FundSource]:
    """The fund sources with their 2012 allocations, and the kinds' default sources."""
    sources = {}
    for name, kind, amount, received_on, document, kinds in FUNDS:
        source, _ = FundSource.objects.get_or_create(name=name, defaults={"kind": kind})
        FundAllocation.objects.get_or_create(
            source=source, year=2012, document_number=document,
            defaults={"amount": amount, "received_on": received_on})
        for case_kind in kinds:
            KindFundSource.objects.get_or_create(kind=case_kind, defaults={"source": source})
        sources[name] = source
    return sources


def _charge(cases: list[AidCase], sources: dict[str, FundSource]) -> None:
    """The counted cases of 2012 charged as the module says (2011 stays uncharged)."""
    by_kind = {kind: sources[name] for name, *_, kinds in FUNDS for kind in kinds}
    for case in cases:
        if case.status in AidCase.COUNTED_STATUSES and case.granted_on.year == 2012:
            visit = case.kind == AidCase.Kind.VISIT
            case.fund_source = sources[CAMPAIGN_FUND] if visit else by_kind[case.kind]
            if case.status == AidCase.Status.PAID:  # paid with its batch (`_batch`)
                case.paid_at = _moment((VISIT_BATCH if visit else RELIEF_BATCH)[2], 15)


def _batch(spec: tuple, cases: list[AidCase], staff, leader) -> None:
    """One paid batch of `cases` (its lines and the cases' paid date follow its date)."""
    name, method, paid_on = spec
    if PaymentBatch.objects.filter(name=name).exists() or not cases:
        return
    paid_at = _moment(paid_on, 15)
    batch = PaymentBatch(name=name, method=method, created_by=staff, status="paid",
                         paid_on=paid_on, paid_by=leader, paid_at=paid_at,
                         confirmation_note="银行回单已归档" if method == "bank" else "签领表已归档")
    batch._history_user = leader
    batch.save()
    PaymentBatch.objects.filter(pk=batch.pk).update(created_at=_moment(paid_on - timedelta(days=3),
                                                                       9))
    lines = [PaymentLine(batch=batch, case=case, amount=case.amount, status="paid")
             for case in cases]
    bulk_create_with_history(lines, PaymentLine, default_user=leader)


def _cases(workers: list[HardshipWorker], campaigns: dict[int, Campaign], staff,
           leader) -> list[AidCase]:
    """Every demo case, unsaved."""
    common = {"staff": staff, "leader": leader}
    cases = []
    # 2012 two festivals: 133 workers in extreme hardship, 500 yuan each, before 23 January.
    for i in range(EXTREME):
        cases.append(_new_case(
            worker=workers[i], kind=AidCase.Kind.VISIT, amount=Decimal(500),
            granted_on=date(2012, 1, 4) + timedelta(days=i % 17), campaign=campaigns[2012],
            status=APPROVED if i % 10 == 9 else PAID,
            method=AidCase.Method.ON_SITE if i % 4 == 3 else AidCase.Method.HOME, **common))
    index, day, reason = REJECTED_VISIT
    cases.append(_new_case(worker=workers[index], kind=AidCase.Kind.VISIT, amount=Decimal(500),
                           granted_on=day, campaign=campaigns[2012],
                           status=AidCase.Status.REJECTED, reason=reason, **common))
    # 2011 two festivals: 120 workers, 400 yuan each, before 3 February.
    for i in range(120):
        cases.append(_new_case(
            worker=workers[i], kind=AidCase.Kind.VISIT, amount=Decimal(400),
            granted_on=date(2011, 1, 10) + timedelta(days=i % 19), campaign=campaigns[2011],
            status=PAID, **common))
    for n, (i, kind, amount, day, status) in enumerate((*RELIEF_2012, *RELIEF_2011)):
        cases.append(_new_case(
            worker=workers[i], kind=kind, amount=amount, granted_on=day, status=status,
            method=AidCase.Method.ON_SITE if n % 3 == 2 else AidCase.Method.HOME, **common))
    for i, kind, amount, day, status, reason in UNCOUNTED_2012:
        cases.append(_new_case(worker=workers[i], kind=kind, amount=amount, granted_on=day,
                               status=status, reason=reason, **common))
    return cases


def load() -> None:
    """Create the slice; running it again changes nothing."""
    unions = _unions()
    staff, leader = _users()
    with transaction.atomic():
        workers = _workers(unions, staff)
        sources = _funds()
        campaigns = {}
        for name, starts_on, ends_on, standard in CAMPAIGNS:
            campaigns[starts_on.year + 1], _ = Campaign.objects.get_or_create(
                name=name, defaults={"starts_on": starts_on, "ends_on": ends_on,
                                     "standard_amount": standard,
                                     "fund_source": sources[CAMPAIGN_FUND]
                                     if starts_on.year + 1 == 2012 else None})
        # A case's natural key here: its worker, kind and date granted.
        existing = set(AidCase.objects.filter(worker__in=workers)
                       .values_list("worker_id", "kind", "granted_on"))
        missing = [case for case in _cases(workers, campaigns, staff, leader)
                   if (case.worker_id, case.kind, case.granted_on) not in existing]
        _charge(missing, sources)
        bulk_create_with_history(missing, AidCase, default_user=staff)
        paid_2012 = AidCase.objects.filter(status=AidCase.Status.PAID, granted_on__year=2012,
                                           worker__in=workers).order_by("granted_on", "pk")
        _batch(VISIT_BATCH, list(paid_2012.filter(campaign=campaigns[2012])), staff, leader)
        _batch(RELIEF_BATCH, list(paid_2012.filter(kind__in=AidCase.RELIEF_KINDS)), staff,
               leader)
        _archives(workers, staff, leader)


def _first_procedure(index: int, worker: HardshipWorker, staff, leader):
    """The survey, notice and first spell of one archive (unsaved)."""
    day = registered_on(index)
    survey = HomeSurvey(worker=worker, surveyed_on=day + timedelta(days=3),
                        surveyors="张工作、工会主席", recorded_by=staff,
                        recorded_at=_moment(day + timedelta(days=3), 17),
                        findings="入户核实家庭人口、收入和住房情况，与申报一致。")
    notice = PublicNotice(worker=worker, starts_on=day + timedelta(days=5),
                          ends_on=day + timedelta(days=11), place="所在单位公示栏",
                          recorded_by=staff, recorded_at=_moment(day + timedelta(days=5), 9))
    ended = None
    if index in EXITED_2011:
        ended = REVIEW_2011_APPROVED
    elif index in EXITS_2012:
        ended = REVIEW_2012_APPROVED
    spell = ArchiveSpell(
        worker=worker, started_on=day + timedelta(days=14), ended_on=ended,
        end_reason=(EXITS_2012.get(index) or EXIT_REASONS_2011[index - 146]) if ended else "",
        prepared_by=staff, approved_by=leader,
        approved_at=_moment(day + timedelta(days=14), 10))
    return survey, notice, spell


def _relapse(worker: HardshipWorker, staff, leader):
    survey = HomeSurvey(worker=worker, surveyed_on=RELAPSE_SURVEY, surveyors="张工作",
                        findings="再就业单位停产，家庭收入再次低于低保线。", relapse=True,
                        recorded_by=staff, recorded_at=_moment(RELAPSE_SURVEY, 16))
    notice = PublicNotice(worker=worker, starts_on=RELAPSE_NOTICE[0], ends_on=RELAPSE_NOTICE[1],
                          place="所在社区公示栏", recorded_by=staff,
                          recorded_at=_moment(RELAPSE_NOTICE[0], 9))
    spell = ArchiveSpell(worker=worker, started_on=RELAPSE_APPROVED, relapse=True,
                         prepared_by=staff, approved_by=leader,
                         approved_at=_moment(RELAPSE_APPROVED, 10))
    return survey, notice, spell


def _reviews(workers: list[HardshipWorker], staff, leader) -> None:
    """The 2011 and 2012 review rounds with their outcomes (approved)."""
    for year, approved in ((2011, REVIEW_2011_APPROVED), (2012, REVIEW_2012_APPROVED)):
        review, created = ReviewRound.objects.get_or_create(year=year, defaults={
            "opened_by": staff, "opened_at": _moment(date(year, 3 if year == 2012 else 12, 1), 9),
            "approved_by": leader, "approved_on": approved})
        if not created:
            continue
        outcomes = []
        for index, worker in enumerate(workers):
            if year == 2012 and (index in EXITED_2011 or index in NOT_REVIEWED_2012):
                continue
            surveyed = date(year, 3 if year == 2012 else 12, 1 + index % 20)
            outcome = ReviewOutcome(round=review, worker=worker, surveyed_on=surveyed,
                                    decision=ReviewOutcome.Decision.CONTINUE, recorded_by=staff,
                                    recorded_at=_moment(surveyed, 17))
            if year == 2011 and index in EXITED_2011:
                outcome.decision = ReviewOutcome.Decision.EXIT
                outcome.exit_reason = EXIT_REASONS_2011[index - 146]
            elif year == 2012 and index in EXITS_2012:
                outcome.decision = ReviewOutcome.Decision.EXIT
                outcome.exit_reason = EXITS_2012[index]
            elif year == 2012 and index in CHANGED_2012:
                outcome.decision = ReviewOutcome.Decision.CHANGE
                outcome.new_level = CHANGED_2012[index]
            outcomes.append(outcome)
        bulk_create_with_history(outcomes, ReviewOutcome, default_user=staff)


def _archives(workers: list[HardshipWorker], staff, leader) -> None:
    """Each archive's procedure, spells and reviews, created where the archive has no spell."""
    started = set(ArchiveSpell.objects.filter(worker__in=workers)
                  .values_list("worker_id", flat=True))
    surveys, notices, spells = [], [], []
    for index, worker in enumerate(workers):
        if worker.pk in started:
            continue
        for made, into in zip(_first_procedure(index, worker, staff, leader),
                              (surveys, notices, spells), strict=True):
            into.append(made)
        if index == RELAPSE:
            for made, into in zip(_relapse(worker, staff, leader), (surveys, notices, spells),
                                  strict=True):
                into.append(made)
    bulk_create_with_history(surveys, HomeSurvey, default_user=staff)
    notices = bulk_create_with_history(notices, PublicNotice, default_user=staff)
    bulk_create_with_history(spells, ArchiveSpell, default_user=leader)
    objected = [n for n in notices if n.worker_id == workers[OBJECTION].pk]
    if objected:
        notice = objected[0]
        NoticeObjection.objects.create(
            notice=notice, raised_on=notice.starts_on + timedelta(days=2),
            content="有群众反映其配偶有经营收入。", recorded_by=staff, resolved_by=staff,
            resolution="经核实，配偶经营的小卖部已于上年关停，收入情况属实。",
            resolved_on=notice.starts_on + timedelta(days=4))
    if not ArchiveSettings.objects.exists():
        ArchiveSettings.objects.create(notice_days=ArchiveSettings.DEFAULT_NOTICE_DAYS)
    if not LivingStandard.objects.exists():
        for year, amount in LIVING_LINES:
            LivingStandard.objects.create(year=year, monthly_amount=amount)
    _reviews(workers, staff, leader)
