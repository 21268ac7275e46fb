"""Reads of the aid pages and exports: lists, totals, queues and aggregates.

Writes are in services.py; what a user may do with a case is `AidCase.allowed_actions(user)`.
"""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import ngettext

from accounts.models import User
from accounts.roles import DECIDERS, EDITORS, has_role
from core.lists import list_url
from core.money import money_sum
from core.pinyin import closest_first
from core.todos import Todo

from .filters import MINE, TO_FIX, WorkerFilterSet
from .models import AidCase, ArchiveSpell, Campaign, HardshipWorker

SEARCH_LIMIT = 10  # the worker pickers' suggestions
COUNTED = Q(cases__status__in=AidCase.COUNTED_STATUSES)
PENDING = Q(cases__status__in=AidCase.PENDING_STATUSES)


# --- cases ---------------------------------------------------------------------------------

def cases() -> QuerySet[AidCase]:
    """Every case with its worker, union and campaign, newest first (the case list's rows)."""
    return (AidCase.objects.select_related("worker", "worker__union", "campaign")
            .order_by("-granted_on", "-pk"))


def case_totals(cases: QuerySet[AidCase]) -> dict[str, int | Decimal]:
    """Cases (`count`), distinct people (`workers`) and money of a set of cases, in one query."""
    return cases.aggregate(count=Count("pk"), workers=Count("worker", distinct=True),
                           money=money_sum("amount"))


def case_detail() -> QuerySet[AidCase]:
    """Cases with everything their page shows: worker, union, campaign and the workflow's users."""
    return AidCase.objects.select_related(
        "worker", "worker__union", "campaign", "campaign__fund_source", "fund_source",
        "entered_by", "submitted_by", "approved_by", "paid_by", "rejected_by")


def awaiting_approval() -> QuerySet[AidCase]:
    """Cases submitted and not yet decided."""
    return AidCase.objects.filter(status=AidCase.Status.SUBMITTED)


def cases_waiting() -> int:
    """How many cases await a leader's decision (the home page's count)."""
    return awaiting_approval().count()


def approval_queue(user: User) -> QuerySet[AidCase]:
    """The leader's queue, oldest submission first, each case marked `touched` by `user`."""
    return (awaiting_approval()
            .select_related("worker", "worker__union", "campaign", "entered_by")
            .with_touched_by(user)
            .order_by("submitted_at", "pk"))


def awaiting_payment() -> QuerySet[AidCase]:
    """Approved cases whose money has not been handed over yet, oldest approval first."""
    return (AidCase.objects.filter(status=AidCase.Status.APPROVED)
            .select_related("worker", "worker__union", "campaign", "approved_by")
            .order_by("approved_at", "pk"))


def todos(user: User) -> list[Todo]:
    """The home page's aid to-dos: a leader's cases to decide; the drafts to submit and the
    rejected cases to enter again of a staff member or admin (those they entered). One query."""
    todo: list[Todo] = []
    if has_role(user, *DECIDERS):
        waiting = cases_waiting()
        if waiting:
            todo.append(Todo(label=ngettext("%(count)d case awaits your approval",
                                            "%(count)d cases await your approval", waiting)
                             % {"count": waiting}, count=waiting, url=reverse("aid:case-queue")))
    if has_role(user, *EDITORS):
        mine = AidCase.objects.filter(entered_by=user).aggregate(
            drafts=Count("pk", filter=Q(status=AidCase.Status.DRAFT)),
            to_fix=Count("pk", filter=Q(pk__in=AidCase.objects.to_fix().values("pk"))))
        if mine["drafts"]:
            todo.append(Todo(
                label=ngettext("%(count)d draft case to submit", "%(count)d draft cases to submit",
                               mine["drafts"]) % {"count": mine["drafts"]},
                count=mine["drafts"],
                url=list_url("aid:case-list", status=AidCase.Status.DRAFT, entered=MINE)))
        if mine["to_fix"]:
            todo.append(Todo(
                label=ngettext("%(count)d rejected case to correct and enter again",
                               "%(count)d rejected cases to correct and enter again",
                               mine["to_fix"]) % {"count": mine["to_fix"]},
                count=mine["to_fix"], url=list_url("aid:case-list", status=TO_FIX, entered=MINE)))
    return todo


# --- workers -------------------------------------------------------------------------------

def workers() -> QuerySet[HardshipWorker]:
    """Every worker with their union and number of counted cases, by name (the worker list).

    The count is a subquery per row shown, not a join grouped over every case: a page of 50
    counts the cases of 50 workers (the join grouped a million cases to show the first 50).
    The unions are those of the page (prefetched), not joined to every match first."""
    counted = (AidCase.objects.filter(worker=OuterRef("pk"), status__in=AidCase.COUNTED_STATUSES)
               .order_by().values("worker").annotate(count=Count("pk")).values("count"))
    return (HardshipWorker.objects.prefetch_related("union")
            .annotate(counted_cases=Coalesce(Subquery(counted), 0))
            .order_by("name", "pk"))


def worker_search(data: QueryDict) -> QuerySet[HardshipWorker]:
    """The first workers matching `q` (and `union`) for the worker pickers, closest first;
    `current=1`: only those still in hardship; none without q."""
    # The unions of the ten found, not a join before the ten are chosen (PostgreSQL hashed
    # all 12,000 unions to join them to a thousand matches of one character).
    found = WorkerFilterSet(data, queryset=HardshipWorker.objects.prefetch_related("union"))
    if not found.is_valid() or not found.form.cleaned_data["q"]:
        return HardshipWorker.objects.none()
    workers = found.qs
    if data.get("current") == "1":
        workers = workers.filter(exited_on__isnull=True)
    return closest_first(workers, found.form.cleaned_data["q"])[:SEARCH_LIMIT]


def worker_cases(worker: HardshipWorker) -> QuerySet[AidCase]:
    """A worker's cases, newest first."""
    return worker.cases.select_related("campaign").order_by("-granted_on", "-pk")


# --- campaigns -----------------------------------------------------------------------------

def campaigns() -> QuerySet[Campaign]:
    """Campaigns, newest first, with the people and money counted and the cases pending."""
    return Campaign.objects.annotate(
        counted_workers=Count("cases__worker", filter=COUNTED, distinct=True),
        counted_money=money_sum("cases__amount", COUNTED),
        pending_cases=Count("cases", filter=PENDING),
    ).order_by("-starts_on", "name")


def campaign_by_status(campaign: Campaign) -> list[dict]:
    """Cases, distinct people and money of a campaign per status, every status listed."""
    rows = (campaign.cases.values("status")
            .annotate(cases=Count("pk"), workers=Count("worker", distinct=True),
                      money=money_sum("amount")))
    by_status = {row["status"]: row for row in rows}
    return [{"status": status, "label": label, **by_status.get(status, {})}
            for status, label in AidCase.Status.choices]


def campaign_workers(campaign: Campaign) -> QuerySet[HardshipWorker]:
    """Workers in hardship during the campaign, `visited` in it or not, the unvisited first."""
    visited = (AidCase.objects.filter(worker=OuterRef("pk"), campaign=campaign,
                                      kind=AidCase.Kind.VISIT)
               .exclude(status=AidCase.Status.REJECTED))
    # 先建档后帮扶: archives active at some time during the campaign.
    active = ArchiveSpell.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=campaign.starts_on),
        worker=OuterRef("pk"), started_on__lte=campaign.ends_on)
    return (HardshipWorker.objects.filter(Exists(active))
            .select_related("union").annotate(visited=Exists(visited))
            .order_by("visited", "union__name", "name", "pk"))
