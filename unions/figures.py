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

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from core.db import years_with
from core.lists import list_url

from .models import (
    COUNTED_FIELDS,
    HeadcountReturn,
    Union,
    active_after,
    election_overdue,
    in_force,
)


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


def for_period(start: date, end: date, *, at_end: "Counts | None" = None) -> UnionFigures:
    """The unions' figures for the period `start`..`end` (both inclusive). `at_end`: the
    `counts_at` of `end` (since `start`) when the caller already has them (the summary asks
    for the counts of all its dates in one query)."""
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

    if at_end is None:
        at_end = counts_at([end], since={end: start})[end]
    joined = HeadcountReturn.objects.filter(as_of__range=(start, end)).aggregate(
        joined=Coalesce(Sum("joined"), 0))["joined"]

    joint = list(Union.objects.filter(kind=Union.Kind.JOINT).active_on(end)
                 .with_counts_on(end, fields=()).order_by("name")
                 .values_list("name", "left_out"))
    return UnionFigures(
        unions_active=unions["unions_active"],
        members=at_end.members,
        founded=unions["founded"],
        founded_by_kind={kind.value: unions[f"founded_{kind.value}"] for kind in kinds
                         if unions[f"founded_{kind.value}"]},
        joined=joined,
        workers=at_end.employed + at_end.laid_off,
        employed=at_end.employed,
        laid_off=at_end.laid_off,
        joint_unions=tuple(name for name, _left_out in joint),
        unions_without_return=at_end.without_return,
        female_members=at_end.female_members,
        migrant_members=at_end.migrant_members,
        returns_without_shares=at_end.without_shares,
        unions_with_contract=unions["unions_with_contract"],
        unions_with_wage_negotiation=unions["unions_with_wage_negotiation"],
        elections_overdue=unions["elections_overdue"],
        joint_returns_left_out=tuple(name for name, left_out in joint if left_out),
        counts_from=at_end.counts_from,
        counts_to=at_end.counts_to,
        unions_not_returned=at_end.not_returned,
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


@dataclass(frozen=True, kw_only=True)
class Counts:
    """The counts of the active unions at one day (see `counts_at`)."""

    members: int = 0
    employed: int = 0
    laid_off: int = 0
    female_members: int = 0
    migrant_members: int = 0
    without_return: int = 0   # active grassroots unions with no return by the day
    without_shares: int = 0   # counted returns giving no female or no migrant members
    counts_from: date | None = None  # the oldest and newest date of the counted returns
    counts_to: date | None = None
    not_returned: int = 0     # active grassroots unions whose latest return predates `since`


def counts_at(days: Iterable[date], *, since: Mapping[date, date] | None = None,
              ) -> dict[date, Counts]:
    """`Counts` at each of `days`: the sums of the latest counted return on or before the day of
    each union active then (joint unions' own returns included, unless left out by the
    no-double-count rule, `models.left_out_on`). `since[day]` dates `not_returned` (none without
    it). One query on PostgreSQL for all the days; one per distinct day elsewhere.

    On PostgreSQL each active union's latest return is one probe of the covering (union, as_of)
    index per day (a LATERAL ... LIMIT 1), so the cost follows unions × days, not the history.
    """
    days = sorted(set(days))
    since = since or {}
    if not days:
        return {}
    if connection.vendor == "postgresql":
        found = _counts_at_postgresql(days, since)
    else:
        found = {day: _counts_on_orm(day, since.get(day)) for day in days}
    return {day: found.get(day, Counts()) for day in days}


def counts_on(day: date, since: date | None = None) -> dict[str, int | date | None]:
    """`counts_at` of one day, as a dict (members, employed, ..., not_returned)."""
    counts = counts_at([day], since={day: since} if since else None)[day]
    return asdict(counts)


def members_on(day: date) -> int:
    """The members at `day` alone (see counts_at)."""
    return counts_at([day])[day].members


def _counts_on_orm(day: date, since: date | None) -> Counts:
    """`Counts` at `day` through the ORM (a correlated probe per union and counted column)."""
    grassroots = ~Q(kind=Union.Kind.JOINT)
    counted = COUNTED & Q(members_now__isnull=False)
    row = Union.objects.active_on(day).with_counts_on(day).aggregate(
        **{field: Coalesce(Sum(f"{field}_now", filter=COUNTED), 0)
           for field in COUNTED_FIELDS},
        without_return=Count("pk", filter=grassroots & Q(members_now__isnull=True)),
        without_shares=Count("pk", filter=counted & (
            Q(female_members_now__isnull=True) | Q(migrant_members_now__isnull=True))),
        counts_from=Min("counts_as_of", filter=counted),
        counts_to=Max("counts_as_of", filter=counted),
        not_returned=Count("pk", filter=grassroots & Q(counts_as_of__lt=since or date.min)),
    )
    return Counts(**row)


# The latest return of union `u` on or before `d.day`, and whether it counts (`k.counted`). The
# no-double-count rule of `models.left_out_on` (a covered union active at the day founded after
# the return) is the same as "the latest founding of such a union is after the return": those
# foundings are grouped once per day (`founded`), joined instead of probed with a correlated
# EXISTS per union, so the plan stays a plain nested loop of index probes. The names are the
# tables' own (unions_union, unions_headcountreturn); `days(day)` comes with the query.
FOUNDED_CTE = """founded AS MATERIALIZED (
    SELECT d.day, f.joint_union_id AS id, MAX(f.established_on) AS last_founded
    FROM days d JOIN unions_union f ON f.joint_union_id IS NOT NULL
        AND f.established_on <= d.day AND (f.dissolved_on IS NULL OR f.dissolved_on > d.day)
    GROUP BY d.day, f.joint_union_id)"""
LATEST_RETURN_SQL = """
    LEFT JOIN LATERAL (
        SELECT h.as_of, h.members, h.employed, h.laid_off, h.female_members, h.migrant_members
        FROM unions_headcountreturn h
        WHERE h.union_id = u.id AND h.as_of <= d.day
        ORDER BY h.as_of DESC LIMIT 1
    ) r ON true
    LEFT JOIN founded fo ON fo.day = d.day AND fo.id = u.id
    CROSS JOIN LATERAL (
        SELECT r.as_of IS NOT NULL AND (fo.last_founded IS NULL OR fo.last_founded <= r.as_of)
            AS counted
    ) k
"""
ACTIVE_AT_DAY = "u.established_on <= d.day AND (u.dissolved_on IS NULL OR u.dissolved_on > d.day)"
COUNTS_SQL = f"""
WITH days AS MATERIALIZED (SELECT * FROM unnest(%s::date[], %s::date[]) AS d(day, since)),
{FOUNDED_CTE}
SELECT d.day, a.*
FROM days d
CROSS JOIN LATERAL (
    SELECT
        COALESCE(SUM(r.members) FILTER (WHERE k.counted), 0),
        COALESCE(SUM(r.employed) FILTER (WHERE k.counted), 0),
        COALESCE(SUM(r.laid_off) FILTER (WHERE k.counted), 0),
        COALESCE(SUM(r.female_members) FILTER (WHERE k.counted), 0),
        COALESCE(SUM(r.migrant_members) FILTER (WHERE k.counted), 0),
        COUNT(*) FILTER (WHERE u.kind <> %s AND r.as_of IS NULL),
        COUNT(*) FILTER (WHERE k.counted
                         AND (r.female_members IS NULL OR r.migrant_members IS NULL)),
        MIN(r.as_of) FILTER (WHERE k.counted),
        MAX(r.as_of) FILTER (WHERE k.counted),
        COUNT(*) FILTER (WHERE u.kind <> %s AND r.as_of < d.since)
    FROM unions_union u
    {LATEST_RETURN_SQL}
    WHERE {ACTIVE_AT_DAY}
) a
"""  # noqa: S608 (constant fragments; the values are parameters)


def _counts_at_postgresql(days: list[date], since: Mapping[date, date]) -> dict[date, Counts]:
    joint = Union.Kind.JOINT.value
    with connection.cursor() as cursor:
        cursor.execute(COUNTS_SQL, [days, [since.get(day, date.min) for day in days],
                                    joint, joint])
        rows = cursor.fetchall()
    return {row[0]: Counts(**dict(zip(COUNTS_COLUMNS, row[1:], strict=True))) for row in rows}


COUNTS_COLUMNS = (*COUNTED_FIELDS, "without_return", "without_shares", "counts_from",
                  "counts_to", "not_returned")


def years_with_data() -> set[int]:
    """Years with headcount returns: the periods worth summarising."""
    return years_with(HeadcountReturn.objects.all(), "as_of")
