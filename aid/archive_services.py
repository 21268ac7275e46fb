"""Writes of the archive procedure (先建档、后帮扶), each step under a row lock on the archive.

draft → home survey recorded → public notice (at least the county's days; objections recorded
and resolved) → approved by a leader who did not prepare it → active: the approval opens an
active spell (ArchiveSpell). An exited archive falls back (返困) through a new survey, notice and
approval, which open a NEW spell; an ended spell is never reopened. Leaving hardship happens
through the yearly review (年度复核): the leader's approval of a round applies its outcomes.
`registered_on` stays the date the archive was entered (建档); the first spell's start is the date
it came into force.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import DECIDERS, EDITORS, has_role

from .models import (
    ArchiveSpell,
    HardshipWorker,
    HomeSurvey,
    NoticeObjection,
    PublicNotice,
    ReviewOutcome,
    ReviewRound,
)

State = HardshipWorker.State


def _require(user: User, roles: tuple[str, ...]) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied(_("Your role does not allow this."))


def _locked(worker_id: int) -> HardshipWorker:
    return HardshipWorker.objects.select_for_update().get(pk=worker_id)


def _expect(worker: HardshipWorker, *states: str) -> None:
    if worker.state not in states:
        raise ValidationError(
            _("The archive of %(name)s is %(state)s; this step is not possible now.")
            % {"name": worker.name, "state": worker.get_state_display()}, code="wrong_state")


def _set_state(worker: HardshipWorker, state: str, by: User, *fields: str) -> None:
    worker.state = state
    worker._history_user = by
    worker.save(update_fields=["state", "version", *fields])


def members_save(*, worker: HardshipWorker, members, by: User) -> None:
    """Save the archive form's member table (a bound, valid inline formset) for `worker`."""
    _require(by, EDITORS)
    if members is None:
        return
    members.instance = worker
    for form in members.forms:
        form.instance._history_user = by
    members.save()


def survey_record(*, worker_id: int, by: User, surveyed_on: date, surveyors: str,
                  findings: str) -> HomeSurvey:
    """Record a home survey: of a new archive (draft), again before its notice, or of an
    exited archive falling back into hardship (返困)."""
    _require(by, EDITORS)
    with transaction.atomic():
        worker = _locked(worker_id)
        _expect(worker, State.DRAFT, State.SURVEYED, State.EXITED)
        if surveyed_on > timezone.localdate():
            raise ValidationError({"surveyed_on": _("The survey date cannot be in the future.")})
        survey = HomeSurvey(worker=worker, surveyed_on=surveyed_on, surveyors=surveyors,
                            findings=findings, recorded_by=by,
                            relapse=worker.spells.exists())
        survey.full_clean()
        survey._history_user = by
        survey.save()
        _set_state(worker, State.SURVEYED, by)
        return survey


def notice_start(*, worker_id: int, by: User, starts_on: date, ends_on: date,
                 place: str) -> PublicNotice:
    """Put a surveyed archive on public notice, for at least the county's days."""
    _require(by, EDITORS)
    with transaction.atomic():
        worker = _locked(worker_id)
        _expect(worker, State.SURVEYED)
        survey = worker.surveys.order_by("-surveyed_on", "-pk").first()
        if survey is not None and starts_on < survey.surveyed_on:
            raise ValidationError({"starts_on": _(
                "The notice starts after the home survey of %(date)s.")
                % {"date": survey.surveyed_on}})
        notice = PublicNotice(worker=worker, starts_on=starts_on, ends_on=ends_on, place=place,
                              recorded_by=by)
        notice.full_clean()
        notice._history_user = by
        notice.save()
        _set_state(worker, State.IN_NOTICE, by)
        return notice


def objection_record(*, notice_id: int, by: User, raised_on: date,
                     content: str) -> NoticeObjection:
    """Record an objection raised against a notice (until it is resolved, no approval)."""
    _require(by, EDITORS)
    with transaction.atomic():
        notice = PublicNotice.objects.select_related("worker").get(pk=notice_id)
        _expect(_locked(notice.worker_id), State.IN_NOTICE)
        objection = NoticeObjection(notice=notice, raised_on=raised_on, content=content,
                                    recorded_by=by)
        objection.full_clean()
        objection._history_user = by
        objection.save()
        return objection


def objection_resolve(*, objection_id: int, by: User, resolution: str,
                      resolved_on: date) -> NoticeObjection:
    """Say how an objection was resolved."""
    _require(by, EDITORS)
    if not (resolution or "").strip():
        raise ValidationError({"resolution": _("Say how the objection was resolved.")})
    with transaction.atomic():
        objection = NoticeObjection.objects.select_for_update().get(pk=objection_id)
        if objection.is_resolved:
            raise ValidationError(_("This objection is already resolved."))
        if resolved_on < objection.raised_on:
            raise ValidationError({"resolved_on": _(
                "An objection is resolved after it was raised.")})
        objection.resolution, objection.resolved_on = resolution.strip(), resolved_on
        objection.resolved_by = by
        objection.full_clean()
        objection._history_user = by
        objection.save()
        return objection


def preparers(worker: HardshipWorker) -> set[int]:
    """The users who entered or changed the archive, or recorded its survey or notice, in the
    procedure under way (for a relapse: since its survey): none of them approves it (four
    eyes)."""
    changes = worker.history.filter(history_user__isnull=False)
    surveys, notices = worker.surveys.all(), worker.notices.all()
    last = worker.spells.order_by("-started_on").values_list("approved_at", flat=True).first()
    if last is not None:
        since = (surveys.filter(recorded_at__gt=last).order_by("recorded_at")
                 .values_list("recorded_at", flat=True).first())
        if since is not None:
            changes = changes.filter(history_date__gte=since)
            surveys, notices = (surveys.filter(recorded_at__gte=since),
                                notices.filter(recorded_at__gte=since))
    return ({*changes.values_list("history_user", flat=True)}
            | {*surveys.values_list("recorded_by", flat=True)}
            | {*notices.values_list("recorded_by", flat=True)})


def approval_problems(worker: HardshipWorker, today: date) -> list[str]:
    """Why the archive cannot be approved today (empty: it can)."""
    if worker.state != State.IN_NOTICE:
        return [_("The archive is not in public notice.")]
    notice = worker.notices.order_by("-starts_on", "-pk").first()
    problems = []
    if notice.ends_on >= today:
        problems.append(_("The public notice runs until %(date)s: approve it after that day.")
                        % {"date": notice.ends_on})
    if notice.objections.filter(resolved_on__isnull=True).exists():
        problems.append(_("An objection to the notice is not resolved."))
    return problems


def archive_approve(*, worker_id: int, by: User, on: date | None = None) -> ArchiveSpell:
    """A leader approves an archive whose notice has ended without open objections: it becomes
    active, and a new spell starts on the approval date (a relapse when it had one before)."""
    _require(by, DECIDERS)
    on = on or timezone.localdate()
    with transaction.atomic():
        worker = _locked(worker_id)
        if by.pk in preparers(worker):
            raise PermissionDenied(_("You cannot approve an archive you entered or prepared."))
        problems = approval_problems(worker, on)
        if problems:
            raise ValidationError(problems, code="not_approvable")
        notice = worker.notices.order_by("-starts_on", "-pk").first()
        spell = ArchiveSpell(worker=worker, started_on=on, relapse=worker.spells.exists(),
                             prepared_by=notice.recorded_by, approved_by=by)
        spell.full_clean()
        spell._history_user = by
        spell.save()
        worker.exited_on = None
        _set_state(worker, State.ACTIVE, by, "exited_on")
        return spell


def archive_close(*, worker: HardshipWorker, by: User, on: date, reason: str,
                  note: str = "") -> ArchiveSpell:
    """Close the open spell of an active archive (解困脱困): used by the review's approval."""
    spell = worker.spells.select_for_update().get(ended_on__isnull=True)
    if on < spell.started_on:
        raise ValidationError(_("%(name)s cannot leave hardship before %(date)s.")
                              % {"name": worker.name, "date": spell.started_on})
    spell.ended_on, spell.end_reason, spell.end_note = on, reason, note
    spell._history_user = by
    spell.save()
    worker.exited_on = on
    _set_state(worker, State.EXITED, by, "exited_on")
    return spell


# --- the yearly review -------------------------------------------------------------------------

def round_open(*, year: int, by: User) -> ReviewRound:
    """Open the review round of a year."""
    _require(by, EDITORS)
    review = ReviewRound(year=year, opened_by=by)
    review.full_clean()
    review._history_user = by
    review.save()
    return review


def outcome_record(*, review: ReviewRound, worker: HardshipWorker, by: User, decision: str,
                   surveyed_on: date, new_level: str = "", exit_reason: str = "",
                   notes: str = "") -> ReviewOutcome:
    """Record (or correct, before approval) the outcome of one active archive's review."""
    _require(by, EDITORS)
    with transaction.atomic():
        review = ReviewRound.objects.select_for_update().get(pk=review.pk)
        if review.is_approved:
            raise ValidationError(_("This review round is approved; its outcomes are final."))
        if worker.state != State.ACTIVE:
            raise ValidationError(_("Only active archives are reviewed."))
        if surveyed_on > timezone.localdate():
            raise ValidationError({"surveyed_on": _("The survey date cannot be in the future.")})
        if decision == ReviewOutcome.Decision.CHANGE and new_level == worker.hardship_level:
            raise ValidationError({"new_level": _("Choose a category other than the current.")})
        outcome = (ReviewOutcome.objects.filter(round=review, worker=worker).first()
                   or ReviewOutcome(round=review, worker=worker))
        outcome.decision, outcome.surveyed_on, outcome.notes = decision, surveyed_on, notes
        outcome.new_level = new_level if decision == ReviewOutcome.Decision.CHANGE else ""
        outcome.exit_reason = exit_reason if decision == ReviewOutcome.Decision.EXIT else ""
        outcome.recorded_by = by
        outcome.full_clean()
        outcome._history_user = by
        outcome.save()
        return outcome


def round_approve(*, review_id: int, by: User, on: date | None = None) -> ReviewRound:
    """A leader who recorded none of its outcomes (nor opened it) approves the round: category
    changes are applied, and each exit closes its archive's spell on the approval date."""
    _require(by, DECIDERS)
    on = on or timezone.localdate()
    with transaction.atomic():
        review = ReviewRound.objects.select_for_update().get(pk=review_id)
        if review.is_approved:
            raise ValidationError(_("This review round is already approved."))
        outcomes = list(review.outcomes.select_related("worker"))
        if not outcomes:
            raise ValidationError(_("No outcome is recorded in this round yet."))
        if review.opened_by_id == by.pk or any(o.recorded_by_id == by.pk for o in outcomes) \
                or review.outcomes.model.history.filter(
                    round_id=review.pk, history_user=by.pk).exists():
            raise PermissionDenied(_("You cannot approve a review you opened or recorded."))
        for outcome in outcomes:
            worker = _locked(outcome.worker_id)
            if worker.state != State.ACTIVE:
                continue
            if outcome.decision == ReviewOutcome.Decision.CHANGE:
                worker.hardship_level = outcome.new_level
                worker._history_user = by
                worker.save(update_fields=["hardship_level", "version"])
            elif outcome.decision == ReviewOutcome.Decision.EXIT:
                archive_close(worker=worker, by=by, on=on, reason=outcome.exit_reason,
                              note=outcome.notes)
        review.approved_by, review.approved_on = by, on
        review._history_user = by
        review.save()
        return review

