"""The organisation figures of the half-year summary (DESIGN §3.1), in four queries.

Industry joint unions (kind JOINT) are federations of grassroots unions: they are not counted
among the grassroots unions (the figures list them by name), but a joint union's own return,
the members affiliated to it directly, counts in the members, workers and members joined. A
joint union's return older than the founding of a union it covers is left out, so that nobody is
counted twice (`models.left_out_on`, docs/import-formats.md).

The per-union indicators (contracts, wage agreements, elections) count every active union,
joint unions included: an industry-wide contract signed by a joint union is one of the county's
collective contracts.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from core.lists import list_url

from .models import HeadcountReturn, Union, active_after, election_overdue, in_force


@dataclass(frozen=True, kw_only=True)
class UnionFigures:
    unions_active: int          # grassroots unions (not JOINT) established by end, not dissolved
    members: int                # members at end: latest counted return of each active union
    founded: int                # grassroots unions established within [start, end]
    founded_by_kind: dict[str, int]   # Union.Kind value -> count, only kinds with count > 0
    joined: int                 # `joined` of the returns dated within [start, end]
    workers: int                # employed + laid_off at end (latest counted returns)
    employed: int
    laid_off: int
    joint_unions: tuple[str, ...]     # names of the JOINT unions active at end, by name
    unions_without_return: int  # active grassroots unions with no return by end (for warnings)
    female_members: int         # 女职工会员 at end, of the same returns as `members`
    migrant_members: int        # 农民工会员 at end, likewise
    returns_without_shares: int  # counted returns at end not giving female or migrant members
    unions_with_contract: int   # active unions (joint included) with a collective contract in
    #                             force at end
    unions_with_wage_negotiation: int  # likewise, a wage agreement (工资专项集体合同) in force
    elections_overdue: int      # active unions whose committee's term ran out before end
    joint_returns_left_out: tuple[str, ...]  # JOINT unions whose return at end is left out (the
    #                                          no-double-count rule), by name
    # The dates of the returns the counts at end come from (None without any): the summary says
    # them when they are not the period's end; `unions_not_returned` filed none within it.
    counts_from: date | None = None
    counts_to: date | None = None
    unions_not_returned: int = 0


def for_period(start: date, end: date) -> UnionFigures:
    """The unions' figures for the period `start`..`end` (both inclusive)."""
    active = Q(established_on__lte=end) & active_after(end)
    grassroots = ~Q(kind=Union.Kind.JOINT)
    founded = grassroots & Q(established_on__range=(start, end))
    kinds = [kind for kind in Union.Kind if kind != Union.Kind.JOINT]
    unions = Union.objects.aggregate(
        unions_active=Count("pk", filter=grassroots & active),
        founded=Count("pk", filter=founded),
        **{f"founded_{kind.value}": Count("pk", filter=founded & Q(kind=kind)) for kind in kinds},
        unions_with_contract=Count("pk", filter=active & in_force("contract", end)),
        unions_with_wage_negotiation=Count("pk",
                                           filter=active & in_force("wage_agreement", end)),
        elections_overdue=Count("pk", filter=active & election_overdue(end)),
    )

    at_end = counts_on(end, since=start)
    joined = HeadcountReturn.objects.filter(as_of__range=(start, end)).aggregate(
        joined=Coalesce(Sum("joined"), 0))["joined"]

    joint = list(Union.objects.filter(kind=Union.Kind.JOINT).active_on(end)
                 .with_counts_on(end, fields=()).order_by("name")
                 .values_list("name", "left_out"))
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
        joint_unions=tuple(name for name, _left_out in joint),
        unions_without_return=at_end["without_return"],
        female_members=at_end["female_members"],
        migrant_members=at_end["migrant_members"],
        returns_without_shares=at_end["without_shares"],
        unions_with_contract=unions["unions_with_contract"],
        unions_with_wage_negotiation=unions["unions_with_wage_negotiation"],
        elections_overdue=unions["elections_overdue"],
        joint_returns_left_out=tuple(name for name, left_out in joint if left_out),
        counts_from=at_end["counts_from"],
        counts_to=at_end["counts_to"],
        unions_not_returned=at_end["not_returned"],
    )


@dataclass(frozen=True, kw_only=True)
class UnionLinks:
    """The union lists behind the figures of a period (the summary's drill-down links)."""

    active: str   # grassroots unions active at end: unions_active
    founded: str  # grassroots unions established within the period
    founded_kinds: dict[str, str]  # Union.Kind value -> its unions established in the period
    joined: str   # unions (joint unions' own returns included) with members joined in returns
    #               dated within the period
    joint: str    # the industry joint unions active at end
    members: str  # every union active at end, joint unions with their own returns included:
    #               members, workers, employed, laid off, joined (the list's totals)
    female_members: str   # the same list (its totals give the female members)
    migrant_members: str  # the same list (its totals give the migrant-worker members)
    unions_with_contract: str          # active unions with a collective contract in force
    unions_with_wage_negotiation: str  # active unions with a wage agreement in force
    elections_overdue: str             # active unions whose committee's term ran out


def links(start: date, end: date) -> UnionLinks:
    """Where the figures of `start`..`end` come from, as filtered union lists."""
    members = list_url("unions:union-list", status="active", on=end)
    return UnionLinks(
        active=list_url("unions:union-list", kind="grassroots", status="active", on=end),
        founded=list_url("unions:union-list", kind="grassroots", status="all",
                         founded_from=start, founded_to=end),
        founded_kinds={kind.value: list_url("unions:union-list", kind=kind.value, status="all",
                                            founded_from=start, founded_to=end)
                       for kind in Union.Kind if kind != Union.Kind.JOINT},
        joined=list_url("unions:union-list", status="all", joined_from=start, joined_to=end),
        joint=list_url("unions:union-list", kind="joint", on=end),
        members=members,
        female_members=members,
        migrant_members=members,
        unions_with_contract=list_url("unions:union-list", status="active",
                                      contract="in_force", on=end),
        unions_with_wage_negotiation=list_url("unions:union-list", status="active",
                                              wage="in_force", on=end),
        elections_overdue=list_url("unions:union-list", status="active", election="overdue",
                                   on=end),
    )


def kind_label(kind: str) -> str:
    """A `Union.Kind` value as the interface names it (私营企业)."""
    return str(Union.Kind(kind).label)


COUNTED = Q(left_out=False)  # a return that counts at the day (`models.left_out_on`)


def counts_on(day: date, since: date | None = None) -> dict[str, int | date | None]:
    """Members, employed, laid off, female and migrant-worker members at `day` (the sums of the
    latest counted return on or before `day` of each union active then, joint unions'
    own returns included), `without_return`: the active grassroots unions with no return by
    then, `without_shares`: counted returns giving no female or no migrant members,
    `counts_from`/`counts_to`: the oldest and newest date of the counted returns, and
    `not_returned`: the active grassroots unions whose latest return is older than `since`.
    One query.

    The latest return is looked up per active union (a probe of the (union, as_of) index, which
    on PostgreSQL also carries the counts), so the cost follows the unions, not the history.
    """
    grassroots = ~Q(kind=Union.Kind.JOINT)
    counted = COUNTED & Q(members_now__isnull=False)
    return Union.objects.active_on(day).with_counts_on(day).aggregate(
        **{field: Coalesce(Sum(f"{field}_now", filter=COUNTED), 0)
           for field in ("members", "employed", "laid_off", "female_members",
                         "migrant_members")},
        without_return=Count("pk", filter=grassroots & Q(members_now__isnull=True)),
        without_shares=Count("pk", filter=counted & (
            Q(female_members_now__isnull=True) | Q(migrant_members_now__isnull=True))),
        counts_from=Min("counts_as_of", filter=counted),
        counts_to=Max("counts_as_of", filter=counted),
        not_returned=Count("pk", filter=grassroots & Q(counts_as_of__lt=since or date.min)),
    )


def members_on(day: date) -> int:
    """The members at `day` alone (see counts_on), one index probe per active union."""
    return Union.objects.active_on(day).with_counts_on(day, fields=("members",)).aggregate(
        members=Coalesce(Sum("members_now", filter=COUNTED), 0))["members"]


def years_with_data() -> set[int]:
    """Years with headcount returns: the periods worth summarising."""
    return {day.year for day in HeadcountReturn.objects.dates("as_of", "year")}
