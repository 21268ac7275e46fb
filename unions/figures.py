"""The organisation figures of the half-year summary (DESIGN §3.1), in three queries.

Industry joint unions (kind JOINT) are federations of grassroots unions: they are not counted
among the grassroots unions and carry no headcount returns of their own (their members are
counted in the unions they cover); the figures list them by name.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from .models import HeadcountReturn, Union, active_after


@dataclass(frozen=True)
class UnionFigures:
    unions_active: int          # grassroots unions (not JOINT) established by end, not dissolved
    members: int                # members at end: latest return on/before end of each active union
    founded: int                # grassroots unions established within [start, end]
    founded_by_kind: dict[str, int]   # Union.Kind value -> count, only kinds with count > 0
    joined: int                 # `joined` of the returns dated within [start, end]
    workers: int                # employed + laid_off at end (latest returns, active unions)
    employed: int
    laid_off: int
    joint_unions: tuple[str, ...]     # names of the JOINT unions active at end, by name
    unions_without_return: int  # active unions with no return on or before end (for warnings)


def for_period(start: date, end: date) -> UnionFigures:
    """The unions' figures for the period `start`..`end` (both inclusive)."""
    active = Q(established_on__lte=end) & active_after(end)
    founded = Q(established_on__range=(start, end))
    has_return = Exists(HeadcountReturn.objects.filter(union=OuterRef("pk"), as_of__lte=end))
    kinds = [kind for kind in Union.Kind if kind != Union.Kind.JOINT]
    unions = Union.objects.grassroots().aggregate(
        unions_active=Count("pk", filter=active),
        unions_without_return=Count("pk", filter=active & ~Q(has_return)),
        founded=Count("pk", filter=founded),
        **{f"founded_{kind.value}": Count("pk", filter=founded & Q(kind=kind)) for kind in kinds},
    )

    latest_as_of = (HeadcountReturn.objects
                    .filter(union=OuterRef("union"), as_of__lte=end)
                    .order_by("-as_of").values("as_of")[:1])
    at_end = Q(union__established_on__lte=end) & Q(as_of=Subquery(latest_as_of)) & (
        Q(union__dissolved_on__isnull=True) | Q(union__dissolved_on__gt=end))
    returns = HeadcountReturn.objects.exclude(union__kind=Union.Kind.JOINT).aggregate(
        members=Coalesce(Sum("members", filter=at_end), 0),
        employed=Coalesce(Sum("employed", filter=at_end), 0),
        laid_off=Coalesce(Sum("laid_off", filter=at_end), 0),
        joined=Coalesce(Sum("joined", filter=Q(as_of__range=(start, end))), 0),
    )

    joint_unions = tuple(
        Union.objects.filter(kind=Union.Kind.JOINT).active_on(end)
        .order_by("name").values_list("name", flat=True)
    )
    return UnionFigures(
        unions_active=unions["unions_active"],
        members=returns["members"],
        founded=unions["founded"],
        founded_by_kind={kind.value: unions[f"founded_{kind.value}"] for kind in kinds
                         if unions[f"founded_{kind.value}"]},
        joined=returns["joined"],
        workers=returns["employed"] + returns["laid_off"],
        employed=returns["employed"],
        laid_off=returns["laid_off"],
        joint_unions=joint_unions,
        unions_without_return=unions["unions_without_return"],
    )


def years_with_data() -> set[int]:
    """Years with headcount returns: the periods worth summarising."""
    return {day.year for day in HeadcountReturn.objects.dates("as_of", "year")}
