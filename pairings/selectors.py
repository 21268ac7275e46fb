"""The reads of the pairing pages: lists and their totals, a round, a pair, student aid."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.utils import timezone

from core.dates import sane_years
from core.money import MONEY, ZERO, money_sum

from .models import FundEntry, Helper, Pairing, PairingHelper, Programme, Project, Round

STUDENT = Q(round__programme__kind=Programme.Kind.STUDENT)


def injected_into(outer: str) -> Coalesce:
    """Start-up capital injected into the row named by `outer` (a pairing or a project)."""
    entries = (FundEntry.objects.filter(**{outer: OuterRef("pk")}, kind=FundEntry.Kind.INJECTED)
               .order_by().values(outer).annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(entries, output_field=MONEY), Value(ZERO, output_field=MONEY))


def as_of(round_: Round) -> date:
    """A round is shown as it stands today, or at its end once it is over."""
    today = timezone.localdate()
    return min(today, round_.ends_on) if round_.ends_on else today


def rounds() -> QuerySet[Round]:
    """Every round with its programme and its number of pairs."""
    return Round.objects.select_related("programme").annotate(
        pair_count=Count("pairings", distinct=True))


# ---- the lists: rows to filter (core.lists), and the totals of the filtered rows ----

def pairing_rows() -> QuerySet[Pairing]:
    """The pairs list: beneficiary, helpers, round, projects and capital injected, newest first."""
    links = PairingHelper.objects.select_related("helper").order_by("helper__kind", "pk")
    return (
        Pairing.objects.select_related("round", "beneficiary__worker")
        .prefetch_related(Prefetch("helper_links", queryset=links))
        .annotate(
            beneficiary_name=Coalesce("beneficiary__worker__name", "beneficiary__name"),
            project_count=Count("projects", distinct=True),
            injected=injected_into("pairing"),
        )
        .order_by("-paired_on", "-pk")
    )


def pairing_totals(pairings: QuerySet[Pairing]) -> dict[str, Decimal | int]:
    """Capital injected into, and money disbursed to, the given pairs; their distinct
    beneficiaries and helpers of each kind (two queries)."""
    listed = pairings.order_by().values("pk")
    entries = FundEntry.objects.filter(pairing__in=listed)
    totals = entries.aggregate(
        injected=money_sum("amount", Q(kind=FundEntry.Kind.INJECTED)),
        disbursed=money_sum("amount", Q(kind=FundEntry.Kind.DISBURSED)),
    )
    kinds = Helper.Kind
    totals.update(PairingHelper.objects.filter(pairing__in=listed).aggregate(
        beneficiaries=Count("pairing__beneficiary", distinct=True),
        officials=Count("helper", distinct=True, filter=Q(helper__kind=kinds.OFFICIAL)),
        units=Count("helper", distinct=True, filter=Q(helper__kind=kinds.UNIT)),
        branches=Count("helper", distinct=True, filter=Q(helper__kind=kinds.BRANCH)),
    ))
    return totals


def project_rows() -> QuerySet[Project]:
    """The projects list with the capital injected into each, the latest started first."""
    return (
        Project.objects.select_related("pairing__round", "pairing__beneficiary__worker")
        .annotate(injected=injected_into("project"))
        .order_by("-started_on", "-pk")
    )


def project_totals(projects: QuerySet[Project]) -> dict[str, Decimal | int]:
    """Capital injected into the given projects, and their distinct beneficiaries."""
    listed = projects.order_by().values("pk")
    totals = FundEntry.objects.filter(
        project__in=listed, kind=FundEntry.Kind.INJECTED,
    ).aggregate(injected=money_sum("amount"))
    totals.update(Project.objects.filter(pk__in=listed).aggregate(
        beneficiaries=Count("pairing__beneficiary", distinct=True)))
    return totals


def fund_entry_rows() -> QuerySet[FundEntry]:
    """The ledger lines, the latest first."""
    return FundEntry.objects.select_related(
        "round", "project", "pairing__beneficiary__worker", "entered_by",
    ).order_by("-entered_on", "-pk")


def fund_totals(entries: QuerySet[FundEntry]) -> dict:
    """The given lines: their count, the sum of each kind, and the balance (money in less
    money out)."""
    sums = entries.aggregate(
        count=Count("pk"),
        **{kind: money_sum("amount", Q(kind=kind)) for kind in FundEntry.Kind.values},
    )
    sums["balance"] = (sums[FundEntry.Kind.RAISED] + sums[FundEntry.Kind.DONATION]
                       - sums[FundEntry.Kind.INJECTED] - sums[FundEntry.Kind.DISBURSED])
    return sums


# ---- one record ----

def pairing_detail(pairing: Pairing) -> dict:
    """A pair's helpers, projects (with the capital injected) and ledger lines."""
    return {
        "helpers": Helper.objects.filter(pairing_links__pairing=pairing).order_by("kind", "pk"),
        "projects": pairing.projects.annotate(injected=injected_into("project"))
        .order_by("started_on", "pk"),
        "entries": pairing.fund_entries.select_related("project").order_by("entered_on", "pk"),
    }


# ---- the pairing form ----

def helper_names() -> dict[str, list[str]]:
    """The names of the helpers of each kind (the form suggests them)."""
    names: dict[str, list[str]] = {kind: [] for kind in Helper.Kind.values}
    rows = Helper.objects.order_by("kind", "name").values_list("kind", "name").distinct()
    for kind, name in rows:
        names[kind].append(name)
    return names


def programme_of_round() -> dict[str, str]:
    """The kind of programme of each round, by round id (the form shows the fitting fields)."""
    return {str(pk): kind for pk, kind in Round.objects.values_list("pk", "programme__kind")}


# ---- student aid ----

def student_aid_years() -> list[int]:
    """The years with student-aid money, the latest first (the years a date can be typed in:
    a legacy entry dated 0001 or 9999 offers no page, core.dates)."""
    years = (FundEntry.objects.filter(STUDENT).annotate(year=ExtractYear("entered_on"))
             .order_by().values_list("year", flat=True).distinct())
    return sorted(set(years) & set(sane_years()), reverse=True)


def student_aid_months(year: int) -> QuerySet:
    """Donations received and money disbursed in each month of `year` with any."""
    return (
        FundEntry.objects.filter(STUDENT, entered_on__year=year)
        .annotate(month=TruncMonth("entered_on")).order_by("month").values("month")
        .annotate(
            received=money_sum("amount", Q(kind=FundEntry.Kind.DONATION)),
            disbursed=money_sum("amount", Q(kind=FundEntry.Kind.DISBURSED)),
        )
    )


def student_rounds() -> QuerySet[Round]:
    """The rounds of the student-aid programme."""
    return Round.objects.filter(programme__kind=Programme.Kind.STUDENT).select_related(
        "programme")
