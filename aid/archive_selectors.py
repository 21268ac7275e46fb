"""Reads of the archive procedure: one archive's page, the review rounds, the home to-dos."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import User
from accounts.roles import DECIDERS, EDITORS, has_role
from core.lists import list_url
from core.todos import Todo

from . import archive_services
from .figures import open_on, overdue_on, with_reviewed
from .models import (
    ArchiveSpell,
    HardshipWorker,
    LivingStandard,
    NoticeObjection,
    PublicNotice,
    ReviewOutcome,
    ReviewRound,
)

State = HardshipWorker.State
NOTICE_SOON_DAYS = 3


@dataclass(frozen=True, kw_only=True)
class ArchivePanel:
    """What the archive page shows of the household and the procedure, and what `user` may do."""

    members: list
    line: LivingStandard | None
    above_line: bool
    suggested_level: str
    suggested_label: str
    surveys: list
    notices: list
    spells: list
    can_survey: bool
    can_notice: bool
    can_object: bool
    can_approve: bool
    approval_problems: list[str]
    own_archive: bool  # a leader who prepared it: no approving


def archive_panel(worker: HardshipWorker, user: User) -> ArchivePanel:
    today = timezone.localdate()
    editing, deciding = has_role(user, *EDITORS), has_role(user, *DECIDERS)
    line = worker.living_line()
    in_notice = worker.state == State.IN_NOTICE
    problems = archive_services.approval_problems(worker, today) if in_notice else []
    own = deciding and in_notice and user.pk in archive_services.preparers(worker)
    notices = list(worker.notices.prefetch_related(
        Prefetch("objections", queryset=NoticeObjection.objects.order_by("raised_on", "pk"))))
    return ArchivePanel(
        members=list(worker.members.order_by("pk")),
        line=line, above_line=bool(line and worker.income_per_capita > line.monthly_amount),
        suggested_level=worker.suggested_level,
        suggested_label=str(dict(HardshipWorker.HardshipLevel.choices).get(
            worker.suggested_level, "")),
        surveys=list(worker.surveys.select_related("recorded_by")),
        notices=notices,
        spells=list(worker.spells.select_related("approved_by").order_by("started_on")),
        can_survey=editing and worker.state in (State.DRAFT, State.SURVEYED, State.EXITED),
        can_notice=editing and worker.state == State.SURVEYED,
        can_object=editing and in_notice,
        can_approve=deciding and in_notice and not problems and not own,
        approval_problems=problems, own_archive=own,
    )


def awaiting_approval() -> QuerySet[HardshipWorker]:
    """Archives in notice whose notice has ended (the leaders' queue)."""
    today = timezone.localdate()
    return HardshipWorker.objects.filter(state=State.IN_NOTICE, notices__ends_on__lt=today) \
        .distinct()


def overdue_url(day: date | None = None) -> str:
    return list_url("aid:worker-list", overdue_on=day or timezone.localdate())


def overdue_count(day: date) -> int:
    spells = with_reviewed(ArchiveSpell.objects.all(), day)
    return spells.filter(overdue_on(day)).count()


def archive_todos(user: User) -> list[Todo]:
    """The archive's items of the home page's to-do list for `user` (only those with a count)."""
    today = timezone.localdate()
    todos = []
    if has_role(user, *EDITORS):
        soon = (PublicNotice.objects.filter(worker__state=State.IN_NOTICE,
                                            ends_on__lte=today + timedelta(days=NOTICE_SOON_DAYS))
                .values("worker").distinct().count())
        if soon:
            todos.append(Todo(label=ngettext(
                "%(count)d public notice ends within three days or has ended",
                "%(count)d public notices end within three days or have ended", soon)
                % {"count": soon}, count=soon,
                url=list_url("aid:worker-list", state=State.IN_NOTICE)))
        overdue = overdue_count(today)
        if overdue:
            todos.append(Todo(label=ngettext(
                "%(count)d archive is overdue for its yearly review",
                "%(count)d archives are overdue for their yearly review", overdue)
                % {"count": overdue}, count=overdue, url=overdue_url(today)))
    if has_role(user, *DECIDERS):
        waiting = awaiting_approval().exclude(notices__recorded_by=user).count()
        if waiting:
            todos.append(Todo(label=ngettext(
                "%(count)d archive awaits your approval",
                "%(count)d archives await your approval", waiting)
                % {"count": waiting}, count=waiting,
                url=list_url("aid:worker-list", state=State.IN_NOTICE)))
    return todos


# --- the yearly review -------------------------------------------------------------------------

def review_rounds() -> QuerySet[ReviewRound]:
    return ReviewRound.objects.annotate(
        outcomes_count=Count("outcomes"),
        exits=Count("outcomes", filter=Q(outcomes__decision=ReviewOutcome.Decision.EXIT)),
        changes=Count("outcomes", filter=Q(outcomes__decision=ReviewOutcome.Decision.CHANGE)),
    ).select_related("opened_by", "approved_by").order_by("-year")


def round_rows(review: ReviewRound) -> list[dict]:
    """Every archive of the round: the active ones (today, or when it was approved) and those
    with an outcome, each with its outcome or none, by name."""
    outcomes = {o.worker_id: o for o in review.outcomes.select_related("recorded_by")}
    day = review.approved_on or timezone.localdate()
    active = HardshipWorker.objects.filter(
        Q(pk__in=outcomes) | Q(spells__in=ArchiveSpell.objects.filter(open_on(day)))
        if not review.is_approved else Q(pk__in=outcomes)
    ).select_related("union").distinct().annotate(last_review=Max("reviews__surveyed_on"))
    return [{"worker": w, "outcome": outcomes.get(w.pk)}
            for w in active.order_by("name", "pk")]


def reviewable() -> QuerySet[HardshipWorker]:
    """Active archives (the choices of the round's outcome form)."""
    return HardshipWorker.objects.filter(state=State.ACTIVE).order_by("name", "pk")


def round_url(review: ReviewRound) -> str:
    return reverse("aid:review-detail", args=[review.pk])
