"""The pairing programme's figures for the half-year summary: a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from core.db import years_with
from core.lists import list_url
from core.money import ZERO, money_sum, percent

from .models import (
    Beneficiary,
    FundEntry,
    Helper,
    Pairing,
    PairingHelper,
    Programme,
    Project,
    Round,
)


@dataclass(frozen=True, kw_only=True)
class RoundFigures:
    """One round at a date: what its overview page shows (three queries)."""

    officials: int
    units: int
    branches: int
    pairs: int
    worker_pairs: int
    base_pairs: int
    student_pairs: int
    exited_pairs: int
    projects: int
    projects_by_sector: dict[str, int]  # Project.Sector value -> projects, every sector in order
    raised: Decimal
    donations: Decimal
    injected: Decimal
    disbursed: Decimal
    funded_workers: int
    funded_projects: int
    exit_rate: Decimal | None
    exit_target: Decimal | None

    @property
    def available(self) -> Decimal:
        """Money raised or received that has not gone out yet."""
        return self.raised + self.donations - self.injected - self.disbursed


@dataclass(frozen=True, kw_only=True)
class StudentAidFigures:
    """Student aid: who is paired at the end of a period, and the money within it."""

    branches: int  # distinct party branches in active student pairings at the end
    students: int  # distinct students in those pairings
    received: Decimal  # donations received within the period
    disbursed: Decimal  # disbursed to students within the period


@dataclass(frozen=True, kw_only=True)
class PairingFigures:
    """Figures of the poverty round running at `end`, and of student aid.

    A pair counts when it was made by `end` and had not ended by then; a pair out of poverty
    still counts (and counts as exited). Projects: started in the round by `end`. Money: the
    round's ledger through `end`. "Funded" means a hardship worker's project with at least one
    injection through `end`. Student aid: pairings still active at `end`, and the money
    received and disbursed from `start` through `end`.
    """

    round_name: str  # "" when no poverty round runs at `end`
    round_ends_on: date | None  # the running round's planned end (None: open-ended or none)
    last_round_name: str  # without a running round: the latest poverty round ended before
    last_round_ended_on: date | None
    officials: int
    units: int
    pairs: int
    worker_pairs: int
    base_pairs: int
    projects: int
    projects_by_sector: dict[str, int]  # Project.Sector value -> projects, every sector in order
    funds_raised: Decimal
    funds_injected: Decimal
    funded_workers: int
    funded_projects: int
    exited_pairs: int
    exit_target: Decimal | None
    branches: int
    students: int
    donations_received: Decimal
    donations_disbursed: Decimal

    @property
    def exit_rate(self) -> Decimal | None:
        """The pairs out of poverty, in percent of the pairs (None without pairs)."""
        return percent(self.exited_pairs, self.pairs)


def _helpers(pairings: QuerySet) -> dict[str, int]:
    return PairingHelper.objects.filter(pairing__in=pairings).aggregate(
        officials=Count("helper", distinct=True, filter=Q(helper__kind=Helper.Kind.OFFICIAL)),
        units=Count("helper", distinct=True, filter=Q(helper__kind=Helper.Kind.UNIT)),
        branches=Count("helper", distinct=True, filter=Q(helper__kind=Helper.Kind.BRANCH)),
        beneficiaries=Count("pairing__beneficiary", distinct=True),
    )


def _money(entries: QuerySet) -> dict:
    # A funded project: a hardship worker's project with start-up capital injected into it; its
    # worker is a funded worker (the project list's ?funded_by= lists exactly these projects).
    worker_injection = Q(kind=FundEntry.Kind.INJECTED,
                         project__pairing__beneficiary__kind=Beneficiary.Kind.WORKER)
    return entries.aggregate(
        raised=money_sum("amount", Q(kind=FundEntry.Kind.RAISED)),
        donations=money_sum("amount", Q(kind=FundEntry.Kind.DONATION)),
        injected=money_sum("amount", Q(kind=FundEntry.Kind.INJECTED)),
        disbursed=money_sum("amount", Q(kind=FundEntry.Kind.DISBURSED)),
        funded_workers=Count("project__pairing__beneficiary", distinct=True,
                             filter=worker_injection),
        funded_projects=Count("project", distinct=True, filter=worker_injection),
    )


def round_figures(round_: Round, end: date) -> RoundFigures:
    """A round's figures at `end`: pairs, helpers, projects by sector, money, exit rate."""
    pairings = Pairing.objects.filter(round=round_).counted_on(end)
    kinds = Beneficiary.Kind
    pairs = pairings.aggregate(
        pairs=Count("pk"),
        worker_pairs=Count("pk", filter=Q(beneficiary__kind=kinds.WORKER)),
        base_pairs=Count("pk", filter=Q(beneficiary__kind=kinds.BASE)),
        student_pairs=Count("pk", filter=Q(beneficiary__kind=kinds.STUDENT)),
        exited_pairs=Count("pk", filter=Q(status=Pairing.Status.EXITED, closed_on__lte=end)),
    )
    helpers = _helpers(pairings)
    sectors = Project.Sector
    projects = Project.objects.filter(pairing__round=round_, started_on__lte=end).aggregate(
        total=Count("pk"),
        **{sector.value: Count("pk", filter=Q(sector=sector)) for sector in sectors},
    )
    money = _money(FundEntry.objects.filter(round=round_, entered_on__lte=end))
    return RoundFigures(
        officials=helpers["officials"], units=helpers["units"], branches=helpers["branches"],
        **pairs,
        projects=projects.pop("total"),
        projects_by_sector={sector.value: projects[sector.value] for sector in sectors},
        **money,
        exit_rate=percent(pairs["exited_pairs"], pairs["pairs"]),
        exit_target=round_.exit_target,
    )


def _no_round() -> RoundFigures:
    """The figures when no poverty round runs: zeros, every sector listed."""
    return RoundFigures(
        officials=0, units=0, branches=0, pairs=0, worker_pairs=0, base_pairs=0,
        student_pairs=0, exited_pairs=0, projects=0,
        projects_by_sector={sector.value: 0 for sector in Project.Sector},
        raised=ZERO, donations=ZERO, injected=ZERO, disbursed=ZERO, funded_workers=0,
        funded_projects=0, exit_rate=None, exit_target=None,
    )


def poverty_round_on(day: date) -> Round | None:
    """The poverty-alleviation round running on `day` (the latest started, if several)."""
    return (Round.objects.filter(programme__kind=Programme.Kind.POVERTY).running_on(day)
            .order_by("-starts_on", "-pk").first())


def student_aid_figures(start: date, end: date) -> StudentAidFigures:
    """Student aid: distinct branches and students paired at `end`, money of `start`..`end`."""
    student = Q(round__programme__kind=Programme.Kind.STUDENT)
    helpers = _helpers(Pairing.objects.filter(student).active_on(end))
    money = FundEntry.objects.filter(student, entered_on__range=(start, end)).aggregate(
        received=money_sum("amount", Q(kind=FundEntry.Kind.DONATION)),
        disbursed=money_sum("amount", Q(kind=FundEntry.Kind.DISBURSED)),
    )
    return StudentAidFigures(branches=helpers["branches"], students=helpers["beneficiaries"],
                             **money)


def for_period(start: date, end: date) -> PairingFigures:
    """The summary's pairing figures: the poverty round running at `end` as it stands then,
    student aid paired at `end` with the money of `start`..`end` (seven queries at most)."""
    current = poverty_round_on(end)
    poverty = round_figures(current, end) if current else _no_round()
    last = None if current else (
        Round.objects.filter(programme__kind=Programme.Kind.POVERTY, ends_on__lt=end)
        .order_by("-ends_on", "-pk").first())
    students = student_aid_figures(start, end)
    return PairingFigures(
        round_name=current.name if current else "",
        round_ends_on=current.ends_on if current else None,
        last_round_name=last.name if last else "",
        last_round_ended_on=last.ends_on if last else None,
        officials=poverty.officials,
        units=poverty.units,
        pairs=poverty.pairs,
        worker_pairs=poverty.worker_pairs,
        base_pairs=poverty.base_pairs,
        projects=poverty.projects,
        projects_by_sector=poverty.projects_by_sector,
        funds_raised=poverty.raised,
        funds_injected=poverty.injected,
        funded_workers=poverty.funded_workers,
        funded_projects=poverty.funded_projects,
        exited_pairs=poverty.exited_pairs,
        exit_target=poverty.exit_target,
        branches=students.branches,
        students=students.students,
        donations_received=students.received,
        donations_disbursed=students.disbursed,
    )


@dataclass(frozen=True, kw_only=True)
class PairingLinks:
    """The lists behind the pairing figures (the summary's drill-down links): the same round
    and dates as the figures, so that each lists exactly what its figure counts."""

    pairs: str  # the round's pairs at the end: their officials and units
    worker_pairs: str
    base_pairs: str
    exited_pairs: str
    projects: str  # the round's projects started by the end
    project_sectors: dict[str, str]  # Project.Sector value -> that sector's projects
    funded_projects: str  # workers' projects with capital injected by the end, and their workers
    funds_raised: str
    funds_injected: str
    students: str  # student pairs active at the end: their branches and students
    donations_received: str  # student-aid donations of the period
    donations_disbursed: str
    rounds: str  # the rounds (to add or correct one)


def links(start: date, end: date, round_name: str) -> PairingLinks:
    """Where the figures of `start`..`end` come from: the poverty round `round_name` (running
    at `end`) as it stands at `end`, student aid at `end` and its money of the period."""
    def pairs(**filters: object) -> str:
        return list_url("pairings:pairing-list", round=round_name, on=end, **filters)

    def projects(**filters: object) -> str:
        return list_url("pairings:project-list", round=round_name, end=end, **filters)

    def ledger(kind: str, **filters: object) -> str:
        return list_url("pairings:fund-list", kind=kind, **filters)

    student = Programme.Kind.STUDENT
    return PairingLinks(
        pairs=pairs(),
        worker_pairs=pairs(kind=Beneficiary.Kind.WORKER),
        base_pairs=pairs(kind=Beneficiary.Kind.BASE),
        exited_pairs=pairs(exited_by=end),
        projects=projects(),
        project_sectors={sector.value: projects(sector=sector.value)
                         for sector in Project.Sector},
        funded_projects=projects(funded_by=end),
        funds_raised=ledger(FundEntry.Kind.RAISED, round=round_name, end=end),
        funds_injected=ledger(FundEntry.Kind.INJECTED, round=round_name, end=end),
        students=list_url("pairings:pairing-list", kind=Beneficiary.Kind.STUDENT,
                          active_on=end),
        donations_received=ledger(FundEntry.Kind.DONATION, programme=student, start=start,
                                  end=end),
        donations_disbursed=ledger(FundEntry.Kind.DISBURSED, programme=student, start=start,
                                   end=end),
        rounds=list_url("pairings:round-list"),
    )


def sector_label(sector: str) -> str:
    """A `Project.Sector` value as the interface names it (养殖业)."""
    return str(Project.Sector(sector).label)


def years_with_data() -> set[int]:
    """Years with ledger entries: the periods worth summarising."""
    return years_with(FundEntry.objects.all(), "entered_on")
