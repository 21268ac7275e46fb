"""Writes of aid money (issue 17): fund sources and allocations (administrators), charging a case
to a source when it is approved, payment batches and their files, marking a batch paid.

Charging locks the source's row (`select_for_update`) before reading its balance, so two leaders
approving at the same moment are checked one after the other and a source is never overdrawn;
the lock order is always case, then source. Marking a batch paid locks the batch, then its cases
in primary-key order. Nobody marks paid a case they entered, changed or submitted (four eyes):
a batch holding such a case is refused for that leader, naming the cases.

The single-case "mark paid" (aid.services.case_mark_paid) stays for money handed over outside a
batch; a case in an open batch is paid with its batch only.
"""

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import ADMINS, DECIDERS, PAYMENT_PREPARERS, has_role
from core.money import yuan

from . import funds_selectors
from .models import (
    AidCase,
    FundAllocation,
    FundSource,
    PaymentBatch,
    PaymentFileDownload,
    PaymentLine,
)


def _require(user: User, roles: tuple[str, ...]) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied(_("Your role does not allow this."))


def _audited(record, by: User):
    record._history_user = by
    return record


# --- sources and allocations (administrators) -----------------------------------------------

def source_save(*, source: FundSource, by: User) -> FundSource:
    """Save a new or edited fund source (already validated)."""
    _require(by, ADMINS)
    _audited(source, by).save()
    return source


def allocation_save(*, allocation: FundAllocation, by: User) -> FundAllocation:
    """Save a new or edited allocation (already validated). Lowering one below what is already
    charged to its source that year is refused, under the source's lock."""
    _require(by, ADMINS)
    with transaction.atomic():
        source = FundSource.objects.select_for_update().get(pk=allocation.source_id)
        _audited(allocation, by).save()
        if funds_selectors.balance(source, allocation.year) < 0:
            raise ValidationError({"amount": _(
                "%(source)s has more charged to it in %(year)s than it would then have received.")
                % {"source": source, "year": allocation.year}}, code="overdrawn")
    return allocation


# --- charging a case ----------------------------------------------------------------------------

def charge(*, case: AidCase, source: FundSource | None) -> None:
    """Charge `case` (locked by the caller, being approved) to `source`, else to its default.

    Without any active source (before the administrators set them up) a case is approved
    uncharged; once there is one, a case needs a source. Refused when the source's balance of the
    case's year is less than its amount.
    """
    source = source or funds_selectors.default_source(case)
    if source is None:
        if funds_selectors.active_sources().exists():
            raise ValidationError(
                _("Case No. %(number)s: choose the fund source it is paid from.")
                % {"number": case.pk}, code="no_source")
        return
    locked = FundSource.objects.select_for_update().get(pk=source.pk)
    if not locked.active:
        raise ValidationError(_("%(source)s is no longer in use.") % {"source": locked},
                              code="inactive_source")
    year = case.granted_on.year
    left = funds_selectors.balance(locked, year)
    if case.amount > left:
        raise ValidationError(
            _("Case No. %(number)s needs %(amount)s but %(source)s has %(left)s left for "
              "%(year)s.") % {"number": case.pk, "amount": yuan(case.amount, 2),
                              "source": locked, "left": yuan(left, 2), "year": year},
            code="overdrawn")
    case.fund_source = locked


# --- payment batches ------------------------------------------------------------------------

def batch_create(*, by: User, name: str, method: str, cases: Iterable[AidCase]) -> PaymentBatch:
    """Put approved cases (in no other live batch) into a new open batch, all or none.

    A bank batch needs every worker's account number: the ones missing are named.
    """
    _require(by, PAYMENT_PREPARERS)
    ids = sorted({case.pk for case in cases})
    if not ids:
        raise ValidationError(_("Tick at least one case."), code="no_cases")
    with transaction.atomic():
        locked = list(AidCase.objects.select_for_update(of=("self",)).filter(pk__in=ids)
                      .select_related("worker").order_by("pk"))
        problems = []
        for case in locked:
            if case.status != AidCase.Status.APPROVED:
                problems.append(_("Case No. %(number)s is %(status)s, not approved.")
                                % {"number": case.pk, "status": case.get_status_display()})
            elif method == PaymentBatch.Method.BANK and not case.worker.bank_account:
                problems.append(_("Case No. %(number)s: %(worker)s has no bank account number.")
                                % {"number": case.pk, "worker": case.worker.name})
        in_batches = set(PaymentLine.objects.filter(case_id__in=ids)
                         .exclude(status=PaymentLine.Status.FAILED)
                         .values_list("case_id", flat=True))
        problems += [_("Case No. %(number)s is already in a payment batch.") % {"number": pk}
                     for pk in sorted(in_batches)]
        if problems:
            raise ValidationError(problems, code="not_payable")
        batch = PaymentBatch(name=name, method=method, created_by=by)
        batch.full_clean()
        _audited(batch, by).save()
        for case in locked:
            _audited(PaymentLine(batch=batch, case=case, amount=case.amount), by).save()
    return batch


def _locked_batch(batch_id: int) -> PaymentBatch:
    batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
    if not batch.is_open:
        raise ValidationError(_("%(batch)s has been marked paid; it cannot change.")
                              % {"batch": batch}, code="batch_closed")
    return batch


def line_fail(*, line_id: int, by: User, reason: str) -> PaymentLine:
    """The bank returned a line (wrong account…): the case is approved and unbatched again, with
    the reason kept on the line. Only while the batch is open."""
    _require(by, PAYMENT_PREPARERS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the payment failed.")}, code="no_reason")
    PaymentLine._meta.get_field("failure_reason").run_validators(reason)
    with transaction.atomic():
        line = PaymentLine.objects.select_related("case").get(pk=line_id)
        _locked_batch(line.batch_id)
        line = PaymentLine.objects.select_for_update().get(pk=line_id)
        if line.status != PaymentLine.Status.PENDING:
            raise ValidationError(_("This line is not waiting for payment."), code="not_pending")
        line.status, line.failure_reason = PaymentLine.Status.FAILED, reason
        _audited(line, by).save()
        return line


def line_remove(*, line_id: int, by: User) -> None:
    """Take a case out of an open batch (it stays approved)."""
    _require(by, PAYMENT_PREPARERS)
    with transaction.atomic():
        line = PaymentLine.objects.get(pk=line_id)
        _locked_batch(line.batch_id)
        _audited(line, by).delete()


def _paid_moment(day: date) -> datetime:
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(12)))


def batch_mark_paid(*, batch_id: int, by: User, paid_on: date, note: str = "") -> PaymentBatch:
    """The bank confirmed, or the signed sheet came back: every pending line and its case
    become paid on `paid_on`, in one step. Refused, naming them, when the leader entered,
    changed or submitted any of its cases."""
    _require(by, DECIDERS)
    note = (note or "").strip()
    PaymentBatch._meta.get_field("confirmation_note").run_validators(note)
    if paid_on is None or paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The date paid cannot be in the future.")},
                              code="future")
    with transaction.atomic():
        batch = _locked_batch(batch_id)
        lines = list(batch.lines.filter(status=PaymentLine.Status.PENDING).order_by("case_id"))
        if not lines:
            raise ValidationError(_("%(batch)s has no case left to pay.") % {"batch": batch},
                                  code="empty")
        cases = {case.pk: case for case in AidCase.objects.select_for_update()
                 .filter(pk__in=[line.case_id for line in lines]).order_by("pk")}
        own = sorted(pk for pk, case in cases.items() if case.touched_by(by))
        if own:
            raise PermissionDenied(
                _("You entered, changed or submitted case No. %(numbers)s of this batch: another "
                  "leader marks it paid (or take those cases out of the batch).")
                % {"numbers": ", ".join(map(str, own))})
        moment = _paid_moment(paid_on)
        for line in lines:
            case = cases[line.case_id]
            if case.status != AidCase.Status.APPROVED:
                raise ValidationError(_("Case No. %(number)s is %(status)s, not approved.")
                                      % {"number": case.pk,
                                         "status": case.get_status_display()})
            case.status, case.paid_by, case.paid_at = AidCase.Status.PAID, by, moment
            _audited(case, by).save(update_fields=["status", "paid_by", "paid_at", "version"])
            line.status = PaymentLine.Status.PAID
            _audited(line, by).save()
        batch.status, batch.paid_on, batch.paid_by = PaymentBatch.Status.PAID, paid_on, by
        batch.paid_at, batch.confirmation_note = timezone.now(), note
        _audited(batch, by).save()
    return batch


def record_download(*, batch: PaymentBatch, by: User, kind: str, lines: int,
                    total: Decimal) -> PaymentFileDownload:
    """Who took the batch's file (the bank list holds whole account numbers)."""
    _require(by, PAYMENT_PREPARERS)
    return PaymentFileDownload.objects.create(batch=batch, kind=kind, downloaded_by=by,
                                              lines=lines, total=total)
