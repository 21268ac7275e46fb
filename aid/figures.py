"""The hardship-aid figures of a period, for the half-year summary."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from core.lists import list_url
from core.money import money_sum

from .models import AidCase


@dataclass(frozen=True, kw_only=True)
class AidFigures:
    """Aid granted in a period; money in yuan, people counted once however many cases they had."""

    visited_workers: int  # distinct workers with counted (approved or paid) holiday visits
    visit_money: Decimal
    relief_workers: int  # distinct workers with counted relief (living, medical or education)
    relief_money: Decimal
    living_workers: int
    living_money: Decimal
    medical_workers: int
    medical_money: Decimal
    education_workers: int
    education_money: Decimal
    pending_cases: int  # draft or submitted cases granted in the period (not counted above)
    pending_money: Decimal


def _workers(condition: Q) -> Count:
    return Count("worker", distinct=True, filter=condition)


def for_period(start: date, end: date) -> AidFigures:
    """The figures of cases granted from `start` to `end` inclusive, in one aggregate query."""
    counted = Q(status__in=AidCase.COUNTED_STATUSES)
    visit = counted & Q(kind=AidCase.Kind.VISIT)
    relief = counted & Q(kind__in=AidCase.RELIEF_KINDS)
    living = counted & Q(kind=AidCase.Kind.LIVING)
    medical = counted & Q(kind=AidCase.Kind.MEDICAL)
    education = counted & Q(kind=AidCase.Kind.EDUCATION)
    pending = Q(status__in=AidCase.PENDING_STATUSES)
    row = AidCase.objects.filter(granted_on__range=(start, end)).aggregate(
        visited_workers=_workers(visit), visit_money=money_sum("amount", visit),
        relief_workers=_workers(relief), relief_money=money_sum("amount", relief),
        living_workers=_workers(living), living_money=money_sum("amount", living),
        medical_workers=_workers(medical), medical_money=money_sum("amount", medical),
        education_workers=_workers(education), education_money=money_sum("amount", education),
        pending_cases=Count("pk", filter=pending), pending_money=money_sum("amount", pending),
    )
    return AidFigures(**row)


@dataclass(frozen=True, kw_only=True)
class AidLinks:
    """The counted cases behind each figure of a period (the summary's drill-down links)."""

    visits: str  # holiday visits: visited workers and visit money
    relief: str  # all relief: relief workers and relief money
    living: str
    medical: str
    education: str


def links(start: date, end: date) -> AidLinks:
    """Where the figures of `start`..`end` come from, as filtered case lists."""
    def cases(kind: str) -> str:
        return list_url("aid:case-list", start=start, end=end, kind=kind, status="counted")

    kinds = AidCase.Kind
    return AidLinks(visits=cases(kinds.VISIT), relief=cases("relief"), living=cases(kinds.LIVING),
                    medical=cases(kinds.MEDICAL), education=cases(kinds.EDUCATION))


def years_with_data() -> set[int]:
    """Years in which aid was granted: the periods worth summarising."""
    return {day.year for day in AidCase.objects.dates("granted_on", "year")}
