"""The hardship-aid figures of a period, for the half-year summary."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import AidCase

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))


@dataclass(frozen=True)
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


def _money(condition: Q) -> Coalesce:
    return Coalesce(Sum("amount", filter=condition), ZERO)


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
        visited_workers=_workers(visit), visit_money=_money(visit),
        relief_workers=_workers(relief), relief_money=_money(relief),
        living_workers=_workers(living), living_money=_money(living),
        medical_workers=_workers(medical), medical_money=_money(medical),
        education_workers=_workers(education), education_money=_money(education),
        pending_cases=Count("pk", filter=pending), pending_money=_money(pending),
    )
    return AidFigures(**row)


def years_with_data() -> set[int]:
    """Years in which aid was granted: the periods worth summarising."""
    return {day.year for day in AidCase.objects.dates("granted_on", "year")}
