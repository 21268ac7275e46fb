"""Synthetic records of the archive procedure (aid/archive_services.py): each archive's household
members, its home survey and public notice before the leader approved it (the spell starts on
the approval day, after the notice ended), a few objections (resolved before approval), the
yearly review rounds with an outcome for most archives active at the review, the minimum-living
line of each year and the county's archive settings.

Each step draws from its own random sequence (`ctx.rng(section)`), so the rows generated before
them (unions, returns, workers, cases) are the same as without them.
"""

from datetime import date, timedelta
from decimal import Decimal

from aid.archive_models import (
    ArchiveSettings,
    HomeSurvey,
    HouseholdMember,
    LivingStandard,
    NoticeObjection,
    PublicNotice,
    ReviewOutcome,
    ReviewRound,
)

from .synthetic_context import YEARS, Context, day_between, moment, person_name

NOTICE_DAYS = ArchiveSettings.DEFAULT_NOTICE_DAYS
FINDINGS = ("家中经济困难，主要收入来源不稳定，核实情况属实。",
            "入户走访核实，家庭成员患病，医疗支出大，情况属实。",
            "家庭人口多，收入低于当地最低生活标准，建议建档。",
            "因意外致困，家庭收入骤减，核实属实。")
OCCUPATIONS = ("务农", "学生", "打零工", "无业", "退休", "个体经营", "在校小学生")
PLACES = ("社区公示栏", "单位公示栏", "工会公示栏", "乡镇政务公开栏")
RELATIONS = (HouseholdMember.Relation.CHILD, HouseholdMember.Relation.CHILD,
             HouseholdMember.Relation.PARENT, HouseholdMember.Relation.SIBLING,
             HouseholdMember.Relation.GRANDCHILD, HouseholdMember.Relation.OTHER)


def gen_settings(ctx: Context) -> None:
    """The minimum-living line of each year and the notice's minimum days (one row)."""
    ctx.writer.insert(LivingStandard, ("year", "monthly_amount", "version"),
                      ((year, Decimal(560 + 30 * (year - YEARS[0])), 0) for year in YEARS),
                      label="living standards")
    ctx.writer.insert(ArchiveSettings, ("notice_days", "version"), [(NOTICE_DAYS, 0)],
                      label="archive settings")


def gen_members(ctx: Context) -> None:
    """Household members of about 60% of the archives (the household's size less the worker)."""
    rng = ctx.rng("household members")

    def rows():
        for (worker, _registered, _exited), household in zip(ctx.workers, ctx.households,
                                                             strict=True):
            size = household[0]
            if size < 2 or rng.random() >= 0.6:
                continue
            for n in range(size - 1):
                relation = HouseholdMember.Relation.SPOUSE if n == 0 else rng.choice(RELATIONS)
                yield (worker, person_name(rng), relation, "",
                       "good" if rng.random() < 0.8 else rng.choice(("chronic", "disabled")),
                       rng.choice(OCCUPATIONS), Decimal(0))

    ctx.writer.insert(HouseholdMember, ("worker_id", "name", "relation", "id_number", "health",
                                        "occupation", "monthly_income"),
                      rows(), label="household members", total=ctx.count(1500))


def gen_procedure(ctx: Context) -> None:
    """Each archive's home survey and public notice before its approval (the spell's start), and
    an objection, resolved before the notice ended, on about 3% of the notices."""
    rng = ctx.rng("archive procedure")
    first_notice = ctx.writer.first_id(PublicNotice)
    surveys, notices, objections = [], [], []
    for serial, (worker, registered, _exited) in enumerate(ctx.workers):
        ends = registered - timedelta(days=rng.randint(1, 5))
        starts = ends - timedelta(days=rng.randint(NOTICE_DAYS, NOTICE_DAYS + 3) - 1)
        surveyed = starts - timedelta(days=rng.randint(3, 15))
        surveys.append((worker, surveyed, f"{person_name(rng)}、{person_name(rng)}",
                        rng.choice(FINDINGS), False, ctx.staff_id, moment(surveyed, 16)))
        notices.append((first_notice + serial, worker, starts, ends, rng.choice(PLACES),
                        ctx.staff_id, moment(starts)))
        if rng.random() < 0.03:
            raised = day_between(rng, starts, ends - timedelta(days=1))
            objections.append((first_notice + serial, raised, "群众反映该户有其他收入来源。",
                               "经再次核实，该收入为临时性收入，不影响认定。",
                               raised + timedelta(days=1), ctx.staff_id, ctx.leader_id))
    ctx.writer.insert(HomeSurvey, ("worker_id", "surveyed_on", "surveyors", "findings", "relapse",
                                   "recorded_by_id", "recorded_at"),
                      surveys, label="home surveys")
    ctx.writer.insert(PublicNotice, ("id", "worker_id", "starts_on", "ends_on", "place",
                                     "recorded_by_id", "recorded_at"),
                      notices, label="public notices")
    ctx.writer.insert(NoticeObjection, ("notice_id", "raised_on", "content", "resolution",
                                        "resolved_on", "recorded_by_id", "resolved_by_id"),
                      objections, label="notice objections")


def gen_reviews(ctx: Context) -> None:
    """A review round each year (approved by the leader in December, the last one still open),
    with an outcome for about 90% of the archives active on their review survey (October and
    November): an archive leaving hardship within 60 days of it leaves by the review."""
    rng = ctx.rng("reviews")
    first_round = ctx.writer.first_id(ReviewRound)
    rounds = [(first_round + i, year, ctx.staff_id, moment(date(year, 10, 1)),
               ctx.leader_id if year != YEARS[-1] else None,
               date(year, 12, 20) if year != YEARS[-1] else None)
              for i, year in enumerate(YEARS)]
    ctx.writer.insert(ReviewRound, ("id", "year", "opened_by_id", "opened_at", "approved_by_id",
                                    "approved_on"), rounds, label="review rounds")

    def rows():
        for round_id, year, *_rest in rounds:
            first, last = date(year, 10, 1), date(year, 11, 30)
            for (worker, registered, exited), household in zip(ctx.workers, ctx.households,
                                                               strict=True):
                level = household[1]
                if registered >= first or (exited and exited <= first) or rng.random() >= 0.9:
                    continue
                surveyed = day_between(rng, first, min(last, exited - timedelta(days=1))
                                       if exited else last)
                if exited and (exited - surveyed).days <= 60:
                    decision, new_level, reason = ReviewOutcome.Decision.EXIT, "", "income"
                elif rng.random() < 0.05:
                    decision, new_level, reason = ReviewOutcome.Decision.CHANGE, level, ""
                else:
                    decision, new_level, reason = ReviewOutcome.Decision.CONTINUE, "", ""
                yield (round_id, worker, decision, new_level, reason, surveyed, "",
                       ctx.staff_id, moment(surveyed, 15))

    ctx.writer.insert(ReviewOutcome, ("round_id", "worker_id", "decision", "new_level",
                                      "exit_reason", "surveyed_on", "notes", "recorded_by_id",
                                      "recorded_at"),
                      rows(), label="review outcomes", total=ctx.count(4000))


def gen_archive(ctx: Context) -> None:
    gen_settings(ctx)
    gen_members(ctx)
    gen_procedure(ctx)
    gen_reviews(ctx)
