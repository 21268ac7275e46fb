"""Writes to aid cases: creation and every workflow step, each under a row lock.

draft → submitted → approved → paid, or submitted → rejected (with a reason).
Staff and admins enter and submit; only leaders approve, reject or mark paid, and nobody does
any of these to a case they entered, changed or submitted (four eyes). Each step records who
and when, and bumps `version` so that an edit form opened before the step is refused.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import DECIDERS, EDITORS, has_role
from core.locking import lock_version

from .funds_models import FundSource
from .funds_selectors import open_line_of
from .funds_services import charge
from .models import AidCase, Campaign, HardshipWorker


class TransitionError(Exception):
    """A workflow step that the case's current status does not allow."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _require(user: User, roles: tuple[str, ...]) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied(_("Your role does not allow this."))


def _locked(case_id: int) -> AidCase:
    return AidCase.objects.select_for_update().get(pk=case_id)


def _expect(case: AidCase, *statuses: str) -> None:
    if case.status not in statuses:
        raise TransitionError(
            _("Case No. %(number)s is %(status)s; this step is not possible now.")
            % {"number": case.pk, "status": case.get_status_display()}
        )


def _not_own(case: AidCase, by: User, refusal: str) -> None:
    # Four eyes: whoever put the figures in (entered, edited or submitted) does not decide.
    if case.touched_by(by):
        raise PermissionDenied(refusal)


def _save(case: AidCase, by: User, fields: list[str]) -> AidCase:
    case._history_user = by  # the audit trail names the user even outside a request
    case.save(update_fields=[*fields, "status", "version"])
    return case


class DuplicateArchive(ValidationError):
    """Someone saved an archive with this ID number between the form's check and this save."""

    def __init__(self, existing: HardshipWorker) -> None:
        super().__init__({"id_number": ValidationError(
            _("An archive with this ID number already exists: %(name)s. Open it instead of "
              "creating a second one."), code="unique", params={"name": existing.name})})
        self.existing = existing


def worker_save(*, worker: HardshipWorker, by: User) -> HardshipWorker:
    """Save a new or edited archive (already validated).

    The form refuses a number that has an archive; two people saving the same new number at
    the same moment both pass that check, and the unique index stops the second: that becomes
    DuplicateArchive, naming the archive that was saved first (never a 500, whose log line
    would hold the number).
    """
    _require(by, EDITORS)
    worker._history_user = by
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            worker.save()
    except IntegrityError:
        existing = (HardshipWorker.objects.filter(id_number=worker.id_number)
                    .exclude(pk=worker.pk).first())
        if existing is None:
            raise
        raise DuplicateArchive(existing) from None
    return worker


def case_create(*, by: User, worker: HardshipWorker, kind: str, amount: Decimal, granted_on: date,
                method: str = AidCase.Method.HOME, campaign: Campaign | None = None,
                notes: str = "", submit: bool = False) -> AidCase:
    """Enter a case as a draft (or submitted at once); the model's rules are checked first."""
    _require(by, EDITORS)
    case = AidCase(worker=worker, kind=kind, amount=amount, granted_on=granted_on,
                   method=method, campaign=campaign, notes=notes, entered_by=by)
    if submit:
        case.status = AidCase.Status.SUBMITTED
        case.submitted_by, case.submitted_at = by, timezone.now()
    case.full_clean()
    case._history_user = by
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # Two people entered the same visit at once: the database constraint decided; say so
        # as the form would (naming the first visit), or let any other integrity error through.
        case.full_clean()
        raise
    return case


class BatchRefused(ValidationError):
    """Some visits of a batch were refused: the messages name the workers, `by_worker` holds
    each refused worker's reasons (shown beside their row)."""

    def __init__(self, by_worker: dict[int, list[str]], names: dict[int, str]) -> None:
        super().__init__([f"{names[pk]}: {message}" for pk, messages in by_worker.items()
                          for message in messages])
        self.by_worker = by_worker


def batch_visits(*, by: User, campaign: Campaign, workers: Iterable[HardshipWorker],
                 amount: Decimal, granted_on: date, method: str = AidCase.Method.HOME,
                 submit: bool = True, dates: Mapping[int, date] | None = None) -> list[AidCase]:
    """Record one holiday visit per worker in one go: all of them, or none if any is refused
    (BatchRefused). Each visit is dated `dates[worker.pk]` when given, else `granted_on`."""
    _require(by, EDITORS)
    workers = list(workers)
    dates = dates or {}
    if not workers:
        raise ValidationError(_("Tick at least one worker."), code="no_workers")
    refused: dict[int, list[str]] = {}
    cases = []
    with transaction.atomic():
        for worker in workers:
            try:
                cases.append(case_create(by=by, worker=worker, kind=AidCase.Kind.VISIT,
                                         amount=amount, granted_on=dates.get(worker.pk, granted_on),
                                         method=method, campaign=campaign, submit=submit))
            except ValidationError as error:
                refused[worker.pk] = error.messages
        if refused:
            transaction.set_rollback(True)
    if refused:
        raise BatchRefused(refused, {worker.pk: worker.name for worker in workers})
    return cases


def case_update(*, case: AidCase, by: User, seen_version: int) -> AidCase:
    """Save the changes to a draft (already validated) that was opened at `seen_version`.

    Only drafts are changed; a case saved or moved on since is refused (core.locking.StaleEdit).
    """
    _require(by, EDITORS)
    with transaction.atomic():
        case.version = lock_version(AidCase, case.pk, seen=seen_version)
        _expect(AidCase.objects.get(pk=case.pk), AidCase.Status.DRAFT)
        case._history_user = by
        case.save()
        return case


def case_submit(*, case_id: int, by: User) -> AidCase:
    """Send a draft to the leaders for approval."""
    _require(by, EDITORS)
    with transaction.atomic():
        case = _locked(case_id)
        _expect(case, AidCase.Status.DRAFT)
        case.status = AidCase.Status.SUBMITTED
        case.submitted_by, case.submitted_at = by, timezone.now()
        return _save(case, by, ["submitted_by", "submitted_at"])


def case_approve(*, case_id: int, by: User, fund_source: FundSource | None = None) -> AidCase:
    """Approve a submitted case: a leader who did not enter it (nor change or submit it).

    The case is charged to `fund_source`, else to its campaign's or kind's default, and refused
    when that source has not enough left for the year (aid.funds_services.charge).
    """
    _require(by, DECIDERS)
    with transaction.atomic():
        case = _locked(case_id)
        _not_own(case, by, _("You cannot approve a case you entered or changed."))
        _expect(case, AidCase.Status.SUBMITTED)
        charge(case=case, source=fund_source)
        case.status = AidCase.Status.APPROVED
        case.approved_by, case.approved_at = by, timezone.now()
        return _save(case, by, ["approved_by", "approved_at", "fund_source"])


def case_reject(*, case_id: int, by: User, reason: str) -> AidCase:
    """Turn down a submitted case, saying why: a leader who did not enter, change or submit it."""
    _require(by, DECIDERS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the case is rejected.")}, code="no_reason")
    try:  # the model's bound (core.text.REASON_LENGTH): this page posts no form
        AidCase._meta.get_field("rejection_reason").run_validators(reason)
    except ValidationError as too_long:
        raise ValidationError({"reason": too_long.error_list}) from None
    with transaction.atomic():
        case = _locked(case_id)
        _not_own(case, by, _("You cannot reject a case you entered or changed."))
        _expect(case, AidCase.Status.SUBMITTED)
        case.status = AidCase.Status.REJECTED
        case.rejected_by, case.rejected_at, case.rejection_reason = by, timezone.now(), reason
        return _save(case, by, ["rejected_by", "rejected_at", "rejection_reason"])


def case_mark_paid(*, case_id: int, by: User) -> AidCase:
    """Record that the money of an approved case has been handed over outside a payment batch
    (not by its enterer, changer or submitter; its approver may). A case in an open batch is
    paid with its batch (aid.funds_services.batch_mark_paid)."""
    _require(by, DECIDERS)
    with transaction.atomic():
        case = _locked(case_id)
        _not_own(case, by, _("You cannot mark paid a case you entered or changed."))
        _expect(case, AidCase.Status.APPROVED)
        line = open_line_of(case)
        if line is not None:
            raise TransitionError(
                _("Case No. %(number)s is in the payment batch %(batch)s: it is marked paid with "
                  "its batch.") % {"number": case.pk, "batch": line.batch})
        case.status = AidCase.Status.PAID
        case.paid_by, case.paid_at = by, timezone.now()
        return _save(case, by, ["paid_by", "paid_at"])


@dataclass(frozen=True)
class Outcome:
    """What became of one case of a bulk decision (the queue's per-case report)."""

    case_id: int
    done: bool
    message: str


def _one_decision(step: Callable[..., AidCase], case_id: int, **arguments: object) -> Outcome:
    try:
        with transaction.atomic():  # a savepoint: one refusal leaves the others decided
            case = step(case_id=case_id, **arguments)
    except AidCase.DoesNotExist:
        return Outcome(case_id, False, _("Case No. %(number)s does not exist.")
                       % {"number": case_id})
    except TransitionError as error:
        return Outcome(case_id, False, error.message)
    except (PermissionDenied, ValidationError) as error:
        text = " ".join(getattr(error, "messages", None) or [str(error)])
        return Outcome(case_id, False, _("Case No. %(number)s: %(reason)s")
                       % {"number": case_id, "reason": text})
    return Outcome(case_id, True, str(case))


def cases_approve(*, case_ids: Iterable[int], by: User,
                  fund_source: FundSource | None = None) -> list[Outcome]:
    """Approve several submitted cases, each on its own (four eyes and the fund's balance
    checked per case): one outcome per case, in number order; one's own are refused."""
    _require(by, DECIDERS)
    return [_one_decision(case_approve, pk, by=by, fund_source=fund_source)
            for pk in sorted(set(case_ids))]


def cases_reject(*, case_ids: Iterable[int], by: User, reason: str) -> list[Outcome]:
    """Reject several submitted cases with one reason, each on its own."""
    _require(by, DECIDERS)
    return [_one_decision(case_reject, pk, by=by, reason=reason)
            for pk in sorted(set(case_ids))]
