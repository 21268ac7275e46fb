"""The pairing programme's figures for the half-year summary: a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

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

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PairingFigures:
    """Figures of the poverty round running at `end`, and of student aid.

    A pair counts when it was made by `end` and had not ended by then; a pair out of poverty
    still counts (and counts as exited). Projects: started in the round by `end`. Money: the
    round's ledger through `end`. "Funded" means a hardship worker's project with at least one
    injection through `end`. Student aid: pairings still active at `end`, and the money of the
    calendar year of `end` from Jan 1 through `end`.
    """

    round_name: str
    officials: int
    units: int
    pairs: int
    worker_pairs: int
    base_pairs: int
    projects: int
    projects_by_sector: dict[str, int]
    funds_raised: Decimal
    funds_injected: Decimal
    funds_available: Decimal
    funded_workers: int
    funded_projects: int
    exited_pairs: int
    exit_rate: Decimal | None
    exit_target: Decimal | None
    branches: int
    students: int
    donations_received: Decimal
    donations_disbursed: Decimal


@dataclass(frozen=True)
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
    projects_by_sector: dict[str, int]
    raised: Decimal
    donations: Decimal
    injected: Decimal
    disbursed: Decimal
    funded_workers: int
    funded_projects: int
    exit_rate: Decimal | None
    exit_target: Decimal | None

    @property
    def income(self) -> Decimal:
        return self.raised + self.donations

    @property
    def available(self) -> Decimal:
        return self.raised + self.donations - self.injected - self.disbursed


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole in percent with one decimal; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _helpers(pairings) -> dict[str, int]:
    return PairingHelper.objects.filter(pairing__in=pairings).aggregate(
        officials=Count("helper", distinct=True, filter=Q(helper__kind=Helper.Kind.OFFICIAL)),
        units=Count("helper", distinct=True, filter=Q(helper__kind=Helper.Kind.UNIT)),
        branches=Count("helper", distinct=True, filter=Q(helper__kind=Helper.Kind.BRANCH)),
        beneficiaries=Count("pairing__beneficiary", distinct=True),
    )


def _money(entries) -> dict:
    def total(kind: str):
        return Coalesce(Sum("amount", filter=Q(kind=kind)), ZERO)

    worker_injection = Q(kind=FundEntry.Kind.INJECTED,
                         pairing__beneficiary__kind=Beneficiary.Kind.WORKER)
    return entries.aggregate(
        raised=total(FundEntry.Kind.RAISED),
        donations=total(FundEntry.Kind.DONATION),
        injected=total(FundEntry.Kind.INJECTED),
        disbursed=total(FundEntry.Kind.DISBURSED),
        funded_workers=Count("pairing__beneficiary", distinct=True, filter=worker_injection),
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


def poverty_round_on(day: date) -> Round | None:
    """The poverty-alleviation round running on `day` (the latest started, if several)."""
    return (Round.objects.filter(programme__kind=Programme.Kind.POVERTY).running_on(day)
            .order_by("-starts_on", "-pk").first())


def student_aid_figures(start: date, end: date) -> dict:
    """Student aid at `end`: distinct branches and students, money received and disbursed."""
    student = Q(round__programme__kind=Programme.Kind.STUDENT)
    pairings = Pairing.objects.filter(student).active_on(end)
    helpers = _helpers(pairings)
    money = FundEntry.objects.filter(student, entered_on__range=(start, end)).aggregate(
        received=Coalesce(Sum("amount", filter=Q(kind=FundEntry.Kind.DONATION)), ZERO),
        disbursed=Coalesce(Sum("amount", filter=Q(kind=FundEntry.Kind.DISBURSED)), ZERO),
    )
    return {"branches": helpers["branches"], "students": helpers["beneficiaries"], **money}


def for_period(start: date, end: date) -> PairingFigures:
    """The summary's pairing figures for the period ending at `end` (seven queries at most)."""
    current = poverty_round_on(end)
    if current is None:
        empty = {sector.value: 0 for sector in Project.Sector}
        poverty = RoundFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, empty, ZERO, ZERO, ZERO, ZERO, 0, 0,
                               None, None)
    else:
        poverty = round_figures(current, end)
    students = student_aid_figures(date(end.year, 1, 1), end)
    return PairingFigures(
        round_name=current.name if current else "",
        officials=poverty.officials,
        units=poverty.units,
        pairs=poverty.pairs,
        worker_pairs=poverty.worker_pairs,
        base_pairs=poverty.base_pairs,
        projects=poverty.projects,
        projects_by_sector=poverty.projects_by_sector,
        funds_raised=poverty.raised,
        funds_injected=poverty.injected,
        funds_available=poverty.raised - poverty.injected - poverty.disbursed,
        funded_workers=poverty.funded_workers,
        funded_projects=poverty.funded_projects,
        exited_pairs=poverty.exited_pairs,
        exit_rate=poverty.exit_rate,
        exit_target=poverty.exit_target,
        branches=students["branches"],
        students=students["students"],
        donations_received=students["received"],
        donations_disbursed=students["disbursed"],
    )


def years_with_data() -> set[int]:
    """Years with ledger entries: the periods worth summarising."""
    return {day.year for day in FundEntry.objects.dates("entered_on", "year")}
