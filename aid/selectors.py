"""Reads of the aid pages and exports: lists, totals, queues and aggregates.

Writes are in services.py; what a user may do with a case is `AidCase.allowed_actions(user)`.
"""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from accounts.models import User
from core.money import money_sum

from .filters import WorkerFilterSet
from .models import AidCase, Campaign, HardshipWorker

SEARCH_LIMIT = 10  # the case form's worker box
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


# --- workers -------------------------------------------------------------------------------

def workers() -> QuerySet[HardshipWorker]:
    """Every worker with their union and number of counted cases, by name (the worker list)."""
    return (HardshipWorker.objects.select_related("union")
            .annotate(counted_cases=Count("cases", filter=COUNTED))
            .order_by("name", "pk"))


def worker_search(data: QueryDict) -> QuerySet[HardshipWorker]:
    """The first workers matching `q` (and `union`) by name, for the case form; none without q."""
    found = WorkerFilterSet(data, queryset=HardshipWorker.objects.select_related("union"))
    if not found.is_valid() or not found.form.cleaned_data["q"]:
        return HardshipWorker.objects.none()
    return found.qs[:SEARCH_LIMIT]


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
    return (HardshipWorker.objects
            .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=campaign.starts_on),
                    registered_on__lte=campaign.ends_on)
            .select_related("union").annotate(visited=Exists(visited))
            .order_by("visited", "union__name", "name", "pk"))
