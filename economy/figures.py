"""The self-employed economy's figures for the half-year summary."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q

from core.db import years_with
from core.lists import list_url
from core.money import money_sum, percent

from .models import AnnualTarget, Household, Sector, SupportGrant, ValueAddedReturn


@dataclass(frozen=True, kw_only=True)
class SectorValue:
    sector: str  # Sector value
    label: str  # the sector's name in the current language (str of the lazy label)
    value_added: Decimal
    returned_to: date | None = None  # the latest end of the sector's returns in the period


@dataclass(frozen=True, kw_only=True)
class EconomyFigures:
    """Value added, the year's target and its completion, support grants and households."""

    value_added: Decimal  # total of the returns whose period lies within [start, end]
    value_added_year: Decimal  # total of the returns from January 1 of end's year to end
    year_returned_to: date | None  # the latest end of those returns (None without any)
    by_sector: tuple[SectorValue, ...]  # all eight sectors in fixed order, zeros included
    target: Decimal | None  # the annual target of end's year
    completion: Decimal | None  # percent, one decimal: value added of the year through end / target
    grants_in_period: Decimal
    grants_cumulative: Decimal  # all grants through end
    households: int  # households active at end


def for_period(start: date, end: date) -> EconomyFigures:
    """Value added by sector, completion of end's annual target, grants and households."""
    in_period = Q(period_start__gte=start, period_end__lte=end)
    year_to_end = Q(period_start__gte=date(end.year, 1, 1), period_end__lte=end)
    # Both kinds of figure need a period ending within [first, end]: the bound lets the
    # (period_end) index read only those returns, not the whole history.
    first = min(start, date(end.year, 1, 1))
    returns = ValueAddedReturn.objects.filter(period_end__range=(first, end)).aggregate(
        total=money_sum("value_added", in_period),
        year_to_end=money_sum("value_added", year_to_end),
        year_returned_to=Max("period_end", filter=year_to_end),
        **{sector.value: money_sum("value_added", in_period & Q(sector=sector))
           for sector in Sector},
        **{f"{sector.value}_to": Max("period_end", filter=in_period & Q(sector=sector))
           for sector in Sector},
    )
    target = (AnnualTarget.objects.filter(year=end.year)
              .values_list("value_added", flat=True).first())
    grants = SupportGrant.objects.aggregate(
        in_period=money_sum("amount", Q(granted_on__range=(start, end))),
        cumulative=money_sum("amount", Q(granted_on__lte=end)),
    )
    households = Household.objects.active_on(end).aggregate(count=Count("pk"))["count"]
    return EconomyFigures(
        value_added=returns["total"],
        by_sector=tuple(
            SectorValue(sector=sector.value, label=str(sector.label),
                        value_added=returns[sector.value],
                        returned_to=returns[f"{sector.value}_to"])
            for sector in Sector
        ),
        value_added_year=returns["year_to_end"],
        year_returned_to=returns["year_returned_to"],
        target=target,
        completion=percent(returns["year_to_end"], target),
        grants_in_period=grants["in_period"],
        grants_cumulative=grants["cumulative"],
        households=households,
    )


@dataclass(frozen=True, kw_only=True)
class EconomyLinks:
    """The records behind each figure of a period (the summary's drill-down links)."""

    value_added: str
    sectors: dict[str, str]  # Sector value -> that sector's returns
    completion: str  # the sector table from January 1 to the period's end (value added and
    # completion of the year so far)
    value_added_year: str  # the returns from January 1 to the period's end
    grants_in_period: str
    grants_cumulative: str


def links(start: date, end: date) -> EconomyLinks:
    """Where the figures of `start`..`end` come from, as filtered lists."""
    return EconomyLinks(
        value_added=list_url("economy:return-list", start=start, end=end),
        sectors={sector.value: list_url("economy:return-list", start=start, end=end,
                                        sector=sector.value) for sector in Sector},
        completion=list_url("economy:sector-table", start=date(end.year, 1, 1), end=end),
        value_added_year=list_url("economy:return-list", start=date(end.year, 1, 1), end=end),
        grants_in_period=list_url("economy:grant-list", start=start, end=end),
        grants_cumulative=list_url("economy:grant-list", end=end),
    )


def years_with_data() -> set[int]:
    """Years with value-added returns: the periods worth summarising."""
    return years_with(ValueAddedReturn.objects.all(), "period_end")
