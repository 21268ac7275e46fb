"""What the economy's pages and exports read: the lists and their totals, a household's records,
the targets' completion and the sector table (value added by sector beside a year earlier)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from core.charts import Bar, bars
from core.dates import validate_typed_date
from core.money import MONEY, ZERO, money_sum, percent, wan
from core.periods import half_year_of, period_year_earlier

from . import figures
from .models import AnnualTarget, Household, SupportGrant, ValueAddedReturn

# -- the lists (filtered by economy.filters) and their totals --


def household_list() -> QuerySet[Household]:
    """Households with their union and the sum (`grant_total`) and number (`grant_count`) of
    their grants, by owner."""
    return Household.objects.select_related("union").annotate(
        grant_total=money_sum("grants__amount"), grant_count=Count("grants"),
    ).order_by("owner", "pk")


def household_totals(households: QuerySet[Household]) -> dict[str, int | Decimal]:
    """How many households (`count`), the sum and number of their grants (one query)."""
    return Household.objects.filter(pk__in=households.values("pk")).aggregate(
        count=Count("pk", distinct=True), grant_amount=money_sum("grants__amount"),
        grant_count=Count("grants"),
    )


def return_list() -> QuerySet[ValueAddedReturn]:
    """Value-added returns with their reporter, latest period first."""
    return (ValueAddedReturn.objects.select_related("union", "household")
            .order_by("-period_end", "sector", "pk"))


def return_totals(returns: QuerySet[ValueAddedReturn]) -> dict[str, int | Decimal]:
    """The value added of these returns and how many they are."""
    return returns.aggregate(value_added=money_sum("value_added"), count=Count("pk"))


def grant_list() -> QuerySet[SupportGrant]:
    """Support grants with their household and its union, latest first."""
    return (SupportGrant.objects.select_related("household", "household__union")
            .order_by("-granted_on", "pk"))


def grant_totals(grants: QuerySet[SupportGrant]) -> dict[str, int | Decimal]:
    """The sum of these grants, how many they are and to how many households."""
    return grants.aggregate(amount=money_sum("amount"), count=Count("pk"),
                            households=Count("household", distinct=True))


def target_list() -> QuerySet[AnnualTarget]:
    """Annual targets, latest year first, each with `achieved`: the value added of its year."""
    achieved = (ValueAddedReturn.objects
                .annotate(year=ExtractYear("period_start"))
                .filter(year=OuterRef("year"))
                .values("year").annotate(total=Sum("value_added")).values("total"))
    return AnnualTarget.objects.annotate(
        achieved=Coalesce(Subquery(achieved, output_field=MONEY), Value(ZERO),
                          output_field=MONEY),
    ).order_by("-year")


def add_completion(targets: Iterable[AnnualTarget]) -> None:
    """Give each target of `target_list()` its `completion`: achieved as a percent of it."""
    for target in targets:
        target.completion = percent(target.achieved, target.value_added)


# -- one record --


def household_records(household: Household) -> dict[str, object]:
    """A household's grants (oldest first) with their total, and its returns (latest first)."""
    grants = list(household.grants.order_by("granted_on", "pk"))
    return {
        "grants": grants,
        "grant_total": sum((grant.amount for grant in grants), ZERO),
        "returns": list(household.value_added_returns.order_by("-period_end", "pk")),
    }


def year_figures(year: int) -> figures.EconomyFigures:
    """The economy's figures for a whole calendar year (a target's page); a year no date can
    be in (a legacy target) has none: the figures of an empty period."""
    if not MINYEAR <= year <= MAXYEAR:
        return figures.for_period(date.max, date.min)
    return figures.for_period(date(year, 1, 1), date(year, 12, 31))


# -- the sector table --


@dataclass(frozen=True)
class SectorRow:
    sector: str
    label: str
    value_added: Decimal
    share: Decimal | None  # percent of the period's total
    year_earlier: Decimal
    change: Decimal | None  # percent change on the same period a year earlier


@dataclass(frozen=True)
class SectorTable:
    start: date
    end: date
    earlier_start: date
    earlier_end: date
    rows: tuple[SectorRow, ...]
    chart: tuple[Bar, ...]  # one bar per sector, the largest the longest
    total: Decimal
    total_year_earlier: Decimal
    total_change: Decimal | None
    target: Decimal | None
    completion: Decimal | None
    grants_in_period: Decimal
    grants_cumulative: Decimal
    households: int  # active at the end


def latest_half_year() -> tuple[date, date]:
    """The half-year of the latest return (of today when there is none): the table's default.

    Returns whose end no one could type (legacy data, core.dates) are passed over."""
    earliest, last = validate_typed_date.bounds()
    latest = ValueAddedReturn.objects.filter(period_end__range=(earliest, last)).aggregate(
        latest=Max("period_end"))["latest"]
    return half_year_of(latest or timezone.localdate())


def change(now: Decimal, before: Decimal) -> Decimal | None:
    """Percent change from `before` to `now`; None when there was nothing before."""
    return percent(now - before, before)


def sector_table(start: date, end: date) -> SectorTable:
    """The table for [start, end] beside the same period a year earlier (eight queries)."""
    earlier_start, earlier_end = period_year_earlier(start, end)
    now = figures.for_period(start, end)
    before = figures.for_period(earlier_start, earlier_end)
    rows = tuple(
        SectorRow(
            sector=current.sector, label=current.label, value_added=current.value_added,
            share=percent(current.value_added, now.value_added),
            year_earlier=previous.value_added,
            change=change(current.value_added, previous.value_added),
        )
        for current, previous in zip(now.by_sector, before.by_sector, strict=True)
    )
    return SectorTable(
        start=start, end=end, earlier_start=earlier_start, earlier_end=earlier_end, rows=rows,
        chart=tuple(bars([(row.label, row.value_added, "") for row in rows], shown=wan)),
        total=now.value_added, total_year_earlier=before.value_added,
        total_change=change(now.value_added, before.value_added),
        target=now.target, completion=now.completion, grants_in_period=now.grants_in_period,
        grants_cumulative=now.grants_cumulative, households=now.households,
    )
