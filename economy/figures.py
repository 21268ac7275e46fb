"""The self-employed economy's figures for the half-year summary."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import AnnualTarget, Household, Sector, SupportGrant, ValueAddedReturn

ZERO = Decimal("0.00")
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class SectorValue:
    sector: str  # Sector value
    label: str  # Chinese label (str of the lazy label)
    value_added: Decimal


@dataclass(frozen=True)
class EconomyFigures:
    value_added: Decimal  # total of the returns whose period lies within [start, end]
    by_sector: tuple[SectorValue, ...]  # all eight sectors in fixed order, zeros included
    target: Decimal | None  # the annual target of end's year
    completion: Decimal | None  # percent, one decimal: value added of the year through end / target
    grants_in_period: Decimal
    grants_cumulative: Decimal  # all grants through end
    households: int  # households active at end


def _sum(field: str, condition: Q) -> Coalesce:
    return Coalesce(Sum(field, filter=condition), Value(ZERO),
                    output_field=DecimalField(max_digits=14, decimal_places=2))


def percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, rounded half up; None without a whole."""
    if not whole:
        return None
    return (part * 100 / whole).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def for_period(start: date, end: date) -> EconomyFigures:
    """Value added by sector, completion of end's annual target, grants and households."""
    in_period = Q(period_start__gte=start, period_end__lte=end)
    year_to_end = Q(period_start__gte=date(end.year, 1, 1), period_end__lte=end)
    returns = ValueAddedReturn.objects.aggregate(
        total=_sum("value_added", in_period),
        year_to_end=_sum("value_added", year_to_end),
        **{sector.value: _sum("value_added", in_period & Q(sector=sector)) for sector in Sector},
    )
    target = (AnnualTarget.objects.filter(year=end.year)
              .values_list("value_added", flat=True).first())
    grants = SupportGrant.objects.aggregate(
        in_period=_sum("amount", Q(granted_on__range=(start, end))),
        cumulative=_sum("amount", Q(granted_on__lte=end)),
    )
    households = Household.objects.active_on(end).aggregate(count=Count("pk"))["count"]
    return EconomyFigures(
        value_added=returns["total"],
        by_sector=tuple(
            SectorValue(sector=sector.value, label=str(sector.label),
                        value_added=returns[sector.value])
            for sector in Sector
        ),
        target=target,
        completion=percent(returns["year_to_end"], target),
        grants_in_period=grants["in_period"],
        grants_cumulative=grants["cumulative"],
        households=households,
    )


def years_with_data() -> set[int]:
    """Years with value-added returns: the periods worth summarising."""
    return {day.year for day in ValueAddedReturn.objects.dates("period_end", "year")}
