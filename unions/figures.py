"""The organisation figures of the half-year summary (DESIGN §3.1), in four queries.

Industry joint unions (kind JOINT) are federations of grassroots unions: they are not counted
among the grassroots unions and carry no headcount returns of their own (their members are
counted in the unions they cover); the figures list them by name.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from core.lists import list_url

from .models import HeadcountReturn, Union, active_after


@dataclass(frozen=True, kw_only=True)
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
    # The dates of the returns the counts at end come from (None without any): the summary says
    # them when they are not the period's end; `unions_not_returned` filed none within it.
    counts_from: date | None = None
    counts_to: date | None = None
    unions_not_returned: int = 0


def for_period(start: date, end: date) -> UnionFigures:
    """The unions' figures for the period `start`..`end` (both inclusive)."""
    active = Q(established_on__lte=end) & active_after(end)
    founded = Q(established_on__range=(start, end))
    kinds = [kind for kind in Union.Kind if kind != Union.Kind.JOINT]
    unions = Union.objects.grassroots().aggregate(
        unions_active=Count("pk", filter=active),
        founded=Count("pk", filter=founded),
        **{f"founded_{kind.value}": Count("pk", filter=founded & Q(kind=kind)) for kind in kinds},
    )

    at_end = counts_on(end, since=start)
    joined = HeadcountReturn.objects.filter(
        as_of__range=(start, end)).exclude(union__kind=Union.Kind.JOINT).aggregate(
        joined=Coalesce(Sum("joined"), 0))["joined"]

    joint_unions = tuple(
        Union.objects.filter(kind=Union.Kind.JOINT).active_on(end)
        .order_by("name").values_list("name", flat=True)
    )
    return UnionFigures(
        unions_active=unions["unions_active"],
        members=at_end["members"],
        founded=unions["founded"],
        founded_by_kind={kind.value: unions[f"founded_{kind.value}"] for kind in kinds
                         if unions[f"founded_{kind.value}"]},
        joined=joined,
        workers=at_end["employed"] + at_end["laid_off"],
        employed=at_end["employed"],
        laid_off=at_end["laid_off"],
        joint_unions=joint_unions,
        unions_without_return=at_end["without_return"],
        counts_from=at_end["counts_from"],
        counts_to=at_end["counts_to"],
        unions_not_returned=at_end["not_returned"],
    )


@dataclass(frozen=True, kw_only=True)
class UnionLinks:
    """The union lists behind the figures of a period (the summary's drill-down links)."""

    active: str   # grassroots unions active at end: unions, members, workers
    founded: str  # grassroots unions established within the period
    founded_kinds: dict[str, str]  # Union.Kind value -> its unions established in the period
    joined: str   # grassroots unions with members joined in returns dated within the period
    joint: str    # the industry joint unions active at end


def links(start: date, end: date) -> UnionLinks:
    """Where the figures of `start`..`end` come from, as filtered union lists."""
    return UnionLinks(
        active=list_url("unions:union-list", kind="grassroots", status="active", on=end),
        founded=list_url("unions:union-list", kind="grassroots", status="all",
                         founded_from=start, founded_to=end),
        founded_kinds={kind.value: list_url("unions:union-list", kind=kind.value, status="all",
                                            founded_from=start, founded_to=end)
                       for kind in Union.Kind if kind != Union.Kind.JOINT},
        joined=list_url("unions:union-list", kind="grassroots", status="all",
                        joined_from=start, joined_to=end),
        joint=list_url("unions:union-list", kind="joint", on=end),
    )


def kind_label(kind: str) -> str:
    """A `Union.Kind` value as the interface names it (私营企业)."""
    return str(Union.Kind(kind).label)


def _latest(day: date) -> QuerySet:
    return (HeadcountReturn.objects.filter(union=OuterRef("pk"), as_of__lte=day)
            .order_by("-as_of"))


def counts_on(day: date, since: date | None = None) -> dict[str, int | date | None]:
    """Members, employed and laid off at `day` (the sums of the latest return on or before `day`
    of each grassroots union active then), `without_return`: the active unions with no
    return by then, `counts_from`/`counts_to`: the oldest and newest date of the returns used,
    and `not_returned`: the active unions whose latest return is older than `since`. One query.

    The latest return is looked up per active union (a probe of the (union, as_of) index, which
    on PostgreSQL also carries the counts), so the cost follows the unions, not the history.
    """
    latest = _latest(day)
    stale = Q(as_of_now__lt=since or date.min)
    return (Union.objects.grassroots().active_on(day)
            .annotate(**{f"{field}_now": Subquery(latest.values(field)[:1])
                         for field in ("members", "employed", "laid_off", "as_of")})
            .aggregate(members=Coalesce(Sum("members_now"), 0),
                       employed=Coalesce(Sum("employed_now"), 0),
                       laid_off=Coalesce(Sum("laid_off_now"), 0),
                       without_return=Count("pk", filter=Q(members_now__isnull=True)),
                       counts_from=Min("as_of_now"), counts_to=Max("as_of_now"),
                       not_returned=Count("pk", filter=stale)))


def members_on(day: date) -> int:
    """The members at `day` alone (see counts_on), one index probe per active union."""
    return Union.objects.grassroots().active_on(day).aggregate(
        members=Coalesce(Sum(Subquery(_latest(day).values("members")[:1])), 0))["members"]


def years_with_data() -> set[int]:
    """Years with headcount returns: the periods worth summarising."""
    return {day.year for day in HeadcountReturn.objects.dates("as_of", "year")}
