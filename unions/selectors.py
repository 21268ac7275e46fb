"""Reads of the registry for its pages and exports: the list's totals, the export's rows, a
union's page (returns, chart, covered unions, history)."""

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit import HistoryEntry, histories, history_entries

from .charts import MembersChart, members_chart
from .models import HeadcountReturn, Union, UnionQuerySet, active_after


def unions() -> UnionQuerySet:
    """The registry as its pages read it (with each union's industry joint union)."""
    return Union.objects.select_related("joint_union")


def union_totals(listed: UnionQuerySet, *, on: date) -> dict[str, int]:
    """How many unions are listed, and the members and workers of those active at `on`.

    `listed` is the filtered list annotated `with_counts_on(on)`; a dissolved union keeps its last
    counts in its row but not in the totals.
    """
    active = Q(established_on__lte=on) & active_after(on)
    totals = listed.aggregate(
        unions=Count("pk"),
        members=Coalesce(Sum("members_now", filter=active), 0),
        employed=Coalesce(Sum("employed_now", filter=active), 0),
        laid_off=Coalesce(Sum("laid_off_now", filter=active), 0),
    )
    totals["workers"] = totals["employed"] + totals["laid_off"]
    if "joined_in" in listed.query.annotations:  # the list of members joined (?joined_from=)
        totals["joined"] = listed.aggregate(joined=Coalesce(Sum("joined_in"), 0))["joined"]
    return totals


@dataclass(frozen=True)
class UnionSheet:
    """The export of the list: a header, a row per union, a totals row."""

    headers: list[str]
    rows: list[list]
    totals: list


def union_sheet(listed: UnionQuerySet, *, on: date) -> UnionSheet:
    """The filtered list (annotated `with_counts_on(on)`) as spreadsheet rows, every page."""
    headers = [_("Name"), _("Kind"), _("Unified social credit code"), _("Chair"), _("Phone"),
               _("Address"), _("Established"), _("Dissolved"), _("Industry joint union"),
               _("Counts as of"), _("Members"), _("Employed"), _("Laid off"), _("Workers")]
    rows = [
        [u.name, u.get_kind_display(), u.credit_code, u.chair, u.phone, u.address,
         u.established_on, u.dissolved_on, u.joint_union.name if u.joint_union else "",
         u.counts_as_of, u.members_now, u.employed_now, u.laid_off_now, u.workers_now]
        for u in listed
    ]
    total = union_totals(listed, on=on)
    label = ngettext("Total: %(count)d union", "Total: %(count)d unions", total["unions"])
    totals = [label % {"count": total["unions"]}, *[""] * 9, total["members"],
              total["employed"], total["laid_off"], total["workers"]]
    return UnionSheet(headers, rows, totals)


@dataclass(frozen=True)
class UnionPage:
    """What a union's page shows besides the union itself."""

    returns: list[HeadcountReturn]  # newest first
    chart: MembersChart | None
    covered: UnionQuerySet | None  # of an industry joint union: its unions, counted at `today`
    history: list[HistoryEntry]


def union_page(union: Union, *, today: date) -> UnionPage:
    """The returns, members chart, covered unions and audit trail of `union`'s page."""
    returns = list(union.headcount_returns.order_by("-as_of"))
    covered = (union.covered_unions.with_counts_on(today).order_by("name")
               if union.is_joint else None)
    return UnionPage(returns=returns, chart=members_chart(returns), covered=covered,
                     history=union_history(union, returns))


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
