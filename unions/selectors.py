"""Reads of the registry for its pages and exports: the list's totals, the export's rows, a
union's page (returns, chart, covered unions, history)."""

from dataclasses import dataclass, replace
from datetime import date

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.roles import ADMINS, has_role
from core.audit import HistoryEntry, histories, history_entries
from core.lists import list_url
from core.periods import half_year_of
from core.todos import Todo

from . import figures
from .charts import MembersChart, members_chart
from .models import (
    COUNTED_FIELDS,
    HeadcountReturn,
    Union,
    UnionQuerySet,
    active_after,
    election_overdue,
    expiring,
)


def unions() -> UnionQuerySet:
    """The registry as its pages read it (with each union's industry joint union)."""
    return Union.objects.select_related("joint_union")


def union_totals(listed: UnionQuerySet, *, on: date) -> dict[str, int]:
    """How many unions are listed, and the members and workers of those active at `on`.

    `listed` is the filtered list annotated `with_counts_on(on)`; a dissolved union keeps its last
    counts in its row but not in the totals, and so does a joint union's return left out by the
    no-double-count rule (the county's figures count the same way, `figures.counts_at`).
    On PostgreSQL one probe per listed union (`figures.LATEST_RETURN_SQL`) instead of one per
    union and column.
    """
    if connection.vendor == "postgresql":
        totals = _totals_postgresql(listed, on)
    else:
        counted = Q(established_on__lte=on) & active_after(on) & Q(left_out=False)
        totals = listed.aggregate(
            unions=Count("pk"),
            **{field: Coalesce(Sum(f"{field}_now", filter=counted), 0)
               for field in COUNTED_FIELDS},
        )
    totals["workers"] = totals["employed"] + totals["laid_off"]
    if "joined_in" in listed.query.annotations:  # the list of members joined (?joined_from=)
        totals["joined"] = listed.aggregate(joined=Coalesce(Sum("joined_in"), 0))["joined"]
    return totals


TOTALS_SQL = f"""
WITH days AS MATERIALIZED (SELECT %s::date AS day), {figures.FOUNDED_CTE}
SELECT COUNT(*),
    {", ".join(f"COALESCE(SUM(r.{field}) FILTER (WHERE k.counted AND {figures.ACTIVE_AT_DAY}), 0)"
               for field in COUNTED_FIELDS)}
FROM days d
CROSS JOIN unions_union u
{figures.LATEST_RETURN_SQL}
WHERE u.id IN (%s)
"""  # noqa: S608 (constant fragments; the values are parameters)


def _totals_postgresql(listed: UnionQuerySet, on: date) -> dict[str, int]:
    ids_sql, ids_params = listed.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(TOTALS_SQL.replace("IN (%s)", f"IN ({ids_sql})"), [on, *ids_params])
        row = cursor.fetchone()
    return dict(zip(("unions", *COUNTED_FIELDS), row, strict=True))


@dataclass(frozen=True)
class Worklist:
    """A preset list of the organisation work to do, with how many unions it holds."""

    key: str
    label: str
    count: int
    url: str


def worklists(on: date) -> list[Worklist]:
    """The active unions at `on` whose election is overdue, whose collective contract or wage
    agreement expires within 90 days (the union list's quick links). One query."""
    active = Q(established_on__lte=on) & active_after(on)
    counts = Union.objects.aggregate(
        elections=Count("pk", filter=active & election_overdue(on)),
        contracts=Count("pk", filter=active & expiring("contract", on)),
        wages=Count("pk", filter=active & expiring("wage_agreement", on)),
    )
    day = on.isoformat()
    return [
        Worklist("elections", _("Elections overdue"), counts["elections"],
                 list_url("unions:union-list", status="active", election="overdue", on=day,
                          sort="election_due")),
        Worklist("contracts", _("Collective contracts expiring within 90 days"),
                 counts["contracts"],
                 list_url("unions:union-list", status="active", contract="expiring", on=day,
                          sort="contract_expires")),
        Worklist("wages", _("Wage agreements expiring within 90 days"), counts["wages"],
                 list_url("unions:union-list", status="active", wage="expiring", on=day,
                          sort="wage_expires")),
    ]


def todos(user: User) -> list[Todo]:
    """The home page's registry to-do of an admin: the active grassroots unions that filed no
    headcount return within the current half-year (none at all, or only older ones). One query."""
    if not has_role(user, *ADMINS):
        return []
    today = timezone.localdate()
    start, _end = half_year_of(today)
    missing = (Union.objects.grassroots().active_on(today).with_counts_on(today, fields=())
               .filter(Q(counts_as_of__isnull=True) | Q(counts_as_of__lt=start)).count())
    if not missing:
        return []
    return [Todo(label=ngettext("%(count)d union has no headcount return for this half-year",
                                "%(count)d unions have no headcount return for this half-year",
                                missing) % {"count": missing},
                 count=missing,
                 url=list_url("unions:union-list", kind="grassroots", status="active",
                              no_return_since=start))]


@dataclass(frozen=True)
class UnionSheet:
    """The export of the list: a header, a row per union, a totals row."""

    headers: list[str]
    rows: list[list]
    totals: list


def union_sheet(listed: UnionQuerySet, *, on: date) -> UnionSheet:
    """The filtered list (annotated `with_counts_on(on)`) as spreadsheet rows, every page."""
    yes, no = _("Yes"), _("No")
    headers = [_("Name"), _("Kind"), _("Unified social credit code"), _("Chair"), _("Phone"),
               _("Address"), _("Established"), _("Dissolved"), _("Industry joint union"),
               _("Legal-person status"), _("Committee elected on"), _("Term (years)"),
               _("Next election due"), _("Collective contract signed on"),
               _("Collective contract expires on"), _("Wage agreement signed on"),
               _("Wage agreement expires on"), _("Counts as of"), _("Female members"),
               _("Migrant-worker members"), _("Members"), _("Employed"), _("Laid off"),
               _("Workers")]
    rows = [
        [u.name, u.get_kind_display(), u.credit_code, u.chair, u.phone, u.address,
         u.established_on, u.dissolved_on, u.joint_union.name if u.joint_union else "",
         yes if u.legal_person else no, u.committee_elected_on, u.committee_term_years,
         u.election_due_on, u.contract_signed_on, u.contract_expires_on,
         u.wage_agreement_signed_on, u.wage_agreement_expires_on, u.counts_as_of,
         u.female_members_now, u.migrant_members_now, u.members_now, u.employed_now,
         u.laid_off_now, u.workers_now]
        for u in listed
    ]
    total = union_totals(listed, on=on)
    label = ngettext("Total: %(count)d union", "Total: %(count)d unions", total["unions"])
    totals = [label % {"count": total["unions"]}, *[""] * 17, total["female_members"],
              total["migrant_members"], total["members"], total["employed"], total["laid_off"],
              total["workers"]]
    return UnionSheet(headers, rows, totals)


@dataclass(frozen=True)
class UnionPage:
    """What a union's page shows besides the union itself."""

    returns: list[HeadcountReturn]  # newest first
    chart: MembersChart | None
    covered: UnionQuerySet | None  # of an industry joint union: its unions, counted at `today`
    history: list[HistoryEntry]
    # Of a joint union: the unions it covers founded after its latest return by `today`, which
    # leave that return out of the county's figures (the no-double-count rule).
    founded_since_return: list[Union]


def union_page(union: Union, *, today: date) -> UnionPage:
    """The returns, members chart, covered unions and audit trail of `union`'s page."""
    returns = list(union.headcount_returns.order_by("-as_of"))
    covered, founded_since = None, []
    if union.is_joint:
        covered = union.covered_unions.with_counts_on(today).order_by("name")
        latest = next((r.as_of for r in returns if r.as_of <= today), None)
        if latest is not None:
            founded_since = list(union.covered_unions.active_on(today)
                                 .filter(established_on__gt=latest).order_by("established_on"))
    return UnionPage(returns=returns, chart=members_chart(returns), covered=covered,
                     history=union_history(union, returns), founded_since_return=founded_since)


def union_history(union: Union, returns: list[HeadcountReturn]) -> list[HistoryEntry]:
    """The union's audit trail and its returns' in one timeline, newest first (each diff stays
    within its own record; a fixed number of queries however many returns there are)."""
    entries = history_entries(union)
    of_returns = histories(returns)
    for ret in returns:
        label = _("headcount return of %(day)s") % {"day": ret.as_of.isoformat()}
        entries.extend(replace(entry, action=f"{entry.action} · {label}")
                       for entry in of_returns.get(ret.pk, []))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
