"""Every write of the pairings app: rounds, pairs, projects and the fund ledger.

The balance rule: in a round, money injected or disbursed never exceeds the money raised or
received, at any date. Every write to the ledger locks the round's row first
(`select_for_update`), so two entries made at the same moment are checked one after the other.

`by` is the user who makes the change: the audit trail names them, and a ledger line records who
entered it. It is None only where no one signs in (the demo loader, test factories); the audit
trail then names the user of the request, if any.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Sum, When
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from aid.models import HardshipWorker
from core.locking import lock_version
from core.money import MONEY, yuan

from .models import (
    Beneficiary,
    FundEntry,
    Helper,
    Pairing,
    PairingHelper,
    Programme,
    Project,
    Round,
)
from .models.pairs import ONE_ACTIVE_MESSAGE

Record = TypeVar("Record", bound=models.Model)


def _audited(record: Record, by: User | None) -> Record:
    """`record`, whose next save names `by` in its audit trail."""
    if by is not None:
        record._history_user = by
    return record


def _locked(queryset: models.QuerySet[Record], pk: int, version: int | None) -> Record:
    """The row, locked until the transaction ends (its save raises the version: core.versioning).

    With `version` (the one the form was opened at) a stale edit is refused (core.locking's
    StaleEdit); without, the caller (a core.edit view) compared it under the same lock already.
    """
    if version is not None:
        lock_version(queryset.model, pk, seen=version)
    return queryset.select_for_update().get(pk=pk)


def _found_or_created(model: type[Record], by: User | None, **lookup: object) -> Record:
    """The record matching `lookup`, created (audited as `by`) on first use."""
    found = model.objects.filter(**lookup).first()
    if found is not None:
        return found
    record = _audited(model(**lookup), by)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # made meanwhile by someone else, as get_or_create allows
        return model.objects.get(**lookup)
    return record


# ---- rounds ----

def round_create(
    *, programme: Programme, name: str, starts_on: date, ends_on: date | None = None,
    exit_target: Decimal | None = None, by: User | None = None,
) -> Round:
    """A new round of a programme; rounds of one programme never overlap."""
    with transaction.atomic():
        # Two rounds made at the same moment are checked for overlap one after the other.
        Programme.objects.select_for_update().get(pk=programme.pk)
        round_ = Round(programme=programme, name=name, starts_on=starts_on, ends_on=ends_on,
                       exit_target=exit_target)
        round_.full_clean()
        _audited(round_, by).save()
        return round_


def round_update(
    *, round_id: int, name: str, starts_on: date, ends_on: date | None,
    exit_target: Decimal | None, version: int | None = None, by: User | None = None,
) -> Round:
    """Rename a round or change its dates or target (optimistic lock on `version`); its pairs,
    projects and ledger lines must stay inside its dates. A round keeps its programme."""
    with transaction.atomic():
        round_ = _locked(Round.objects.select_related("programme"), round_id, version)
        round_.name, round_.starts_on, round_.ends_on = name, starts_on, ends_on
        round_.exit_target = exit_target
        round_.full_clean()
        _audited(round_, by).save()
        return round_


# ---- the fund ledger ----

def _balances(round_id: int, *, exclude_entry_id: int | None = None) -> list[tuple[date, Decimal]]:
    """The ledger's balance at the end of each date that has entries, in date order."""
    signed = Case(When(kind__in=FundEntry.INCOMING, then=F("amount")), default=-F("amount"),
                  output_field=MONEY)
    rows = (
        FundEntry.objects.filter(round_id=round_id)
        .exclude(pk=exclude_entry_id)
        .values("entered_on")
        .annotate(net=Sum(signed))
        .order_by("entered_on")
    )
    running = Decimal(0)
    balances = []
    for row in rows:
        running += row["net"]
        balances.append((row["entered_on"], running))
    return balances


def available_on(*, round_id: int, day: date, exclude_entry_id: int | None = None) -> Decimal:
    """Money that can still go out on `day` without the balance falling below zero later."""
    balances = _balances(round_id, exclude_entry_id=exclude_entry_id)
    at_day = Decimal(0)
    for entered_on, balance in balances:
        if entered_on <= day:
            at_day = balance
    later = [balance for entered_on, balance in balances if entered_on > day]
    return min([at_day, *later])


def _check_outgoing(entry: FundEntry, exclude_entry_id: int | None) -> None:
    available = available_on(round_id=entry.round_id, day=entry.entered_on,
                             exclude_entry_id=exclude_entry_id)
    if entry.amount > available:
        raise ValidationError(
            {"amount": ValidationError(
                _("Only %(available)s is available in this round on %(day)s: money "
                  "injected or disbursed cannot exceed the money raised or received.")
                % {"available": yuan(max(available, Decimal(0))), "day": entry.entered_on},
                code="overspent",
            )}
        )


def _check_incoming(entry: FundEntry, exclude_entry_id: int | None) -> None:
    # An income edited down or moved later must still cover what already went out.
    for day, balance in _balances(entry.round_id, exclude_entry_id=exclude_entry_id):
        shortfall = balance + (entry.amount if day >= entry.entered_on else Decimal(0))
        if shortfall < 0:
            raise ValidationError(
                {"amount": ValidationError(
                    _("With this change the round would have spent more than it had on "
                      "%(day)s (balance %(balance)s).")
                    % {"day": day, "balance": yuan(shortfall)},
                    code="overspent",
                )}
            )


def _check_balance(entry: FundEntry, *, exclude_entry_id: int | None = None) -> None:
    if entry.is_outgoing:
        _check_outgoing(entry, exclude_entry_id)
    else:
        _check_incoming(entry, exclude_entry_id)


def fund_entry_create(
    *, round_id: int, kind: str, amount: Decimal, entered_on: date,
    pairing: Pairing | None = None, project: Project | None = None,
    counterparty: str = "", note: str = "", by: User | None = None,
) -> FundEntry:
    """Record a ledger line entered by `by`; an injection or disbursement is refused beyond
    the balance."""
    with transaction.atomic():
        locked_round = Round.objects.select_for_update().select_related("programme").get(
            pk=round_id)
        if project is not None and pairing is None:
            pairing = project.pairing
        entry = FundEntry(
            round=locked_round, kind=kind, amount=amount, entered_on=entered_on,
            pairing=pairing, project=project, counterparty=counterparty, note=note,
            entered_by=by,
        )
        # FundEntry.clean() states each check constraint with a field message; the database
        # constraints remain the backstop, so they need not be queried here a second time.
        entry.full_clean(validate_constraints=False)
        _check_balance(entry)
        _audited(entry, by).save()
        return entry


def fund_entry_update(*, entry_id: int, version: int | None = None, by: User | None = None,
                      **changes: object) -> FundEntry:
    """Correct a ledger line (optimistic lock on `version`); the balance rule still holds."""
    with transaction.atomic():
        # Lock order: the entry, then its round (a new entry locks the round only).
        entry = _locked(FundEntry.objects.all(), entry_id, version)
        Round.objects.select_for_update().get(pk=entry.round_id)
        for field, value in changes.items():
            setattr(entry, field, value)
        if entry.project_id:
            entry.pairing_id = entry.project.pairing_id
        entry.full_clean(validate_constraints=False)
        _check_balance(entry, exclude_entry_id=entry.pk)
        _audited(entry, by).save()
        return entry


# ---- helpers, beneficiaries and pairs ----

def helper_for(*, kind: str, name: str, organisation: str = "",
               by: User | None = None) -> Helper:
    """The helper of this kind and name (created on first use)."""
    return _found_or_created(Helper, by, kind=kind, name=name.strip(),
                             organisation=organisation.strip())


def beneficiary_for(
    *, kind: str, worker: HardshipWorker | None = None, name: str = "", description: str = "",
    by: User | None = None,
) -> Beneficiary:
    """The beneficiary record of a hardship worker, or of a named base or student."""
    if kind == Beneficiary.Kind.WORKER:
        return _found_or_created(Beneficiary, by, kind=kind, worker=worker)
    return _found_or_created(Beneficiary, by, kind=kind, worker=None, name=name.strip(),
                             description=description.strip())


@dataclass(frozen=True)
class NewPairing:
    """A pair to make: helpers joined to a beneficiary in a round, on a day.

    The beneficiary and the helpers are records found or new (not yet saved); new ones are
    created with the pairs, each once however many pairs share the same object.
    """

    round_id: int
    beneficiary: Beneficiary
    helpers: tuple[Helper, ...]
    paired_on: date
    note: str = ""


def _locked_rounds(round_ids: set[int]) -> dict[int, Round]:
    rounds = Round.objects.select_for_update().select_related("programme")
    found = {r.pk: r for r in rounds.filter(pk__in=round_ids).order_by("pk")}
    if len(found) < len(round_ids):
        raise Round.DoesNotExist
    return found


def _create_new(records: Iterable[Record], model: type[Record], by: User | None) -> None:
    """Save the records not saved yet, each once, with their audit trail."""
    new = list({id(r): r for r in records if r.pk is None}.values())
    for record in new:
        # Field checks only: the caller found no such record (and the worker of a new
        # beneficiary in the archive); the database refuses duplicates.
        record.full_clean(exclude=["worker"], validate_unique=False, validate_constraints=False)
    bulk_create_with_history(new, model, default_user=by)


def _check_helpers(pairing_round: Round, helpers: list[Helper]) -> None:
    if not helpers:
        raise ValidationError(_("A pairing needs at least one helper."), code="no_helpers")
    allowed = pairing_round.programme.helper_kinds
    wrong = [h for h in helpers if h.kind not in allowed]
    if wrong:
        raise ValidationError(
            _("%(helper)s (%(kind)s) cannot help in this programme.")
            % {"helper": wrong[0].name, "kind": wrong[0].get_kind_display()},
            code="helper_kind",
        )


def _checked_pairing(pair: NewPairing, pairing_round: Round) -> Pairing:
    pairing = Pairing(round=pairing_round, beneficiary=pair.beneficiary,
                      paired_on=pair.paired_on, note=pair.note)
    # The round was just locked and the beneficiary found or saved; of the constraints a new
    # (active) pair can break only one, which `_check_one_active` asks for all pairs at once.
    pairing.full_clean(exclude=["round", "beneficiary"], validate_constraints=False)
    _check_helpers(pairing_round, list(pair.helpers))
    return pairing


def _check_one_active(pairings: list[Pairing]) -> None:
    """A beneficiary is in one active pairing per round (the database constraint, one query)."""
    keys = [(p.round_id, p.beneficiary_id) for p in pairings]
    taken = Pairing.objects.filter(
        status=Pairing.Status.ACTIVE, round_id__in={r for r, _b in keys},
        beneficiary_id__in={b for _r, b in keys},
    ).values_list("round_id", "beneficiary_id")
    if len(set(keys)) < len(keys) or set(taken) & set(keys):
        raise ValidationError(ONE_ACTIVE_MESSAGE, code="one_active")


def pairings_create(*, pairs: Sequence[NewPairing], by: User | None = None) -> list[Pairing]:
    """Make pairs (one from the form, many from an import), each checked, audited as `by`.

    Each pair fits its round (Pairing.clean: kind of beneficiary, dates), has helpers of its
    programme, and its beneficiary is in no other active pair of the round. The rounds are
    locked first, so pairs made at the same moment are checked one after the other.
    """
    with transaction.atomic():
        rounds = _locked_rounds({pair.round_id for pair in pairs})
        _create_new([pair.beneficiary for pair in pairs], Beneficiary, by)
        _create_new([helper for pair in pairs for helper in pair.helpers], Helper, by)
        pairings = [_checked_pairing(pair, rounds[pair.round_id]) for pair in pairs]
        _check_one_active(pairings)
        pairings = bulk_create_with_history(pairings, Pairing, default_user=by)
        links = [PairingHelper(pairing=pairing, helper=helper)
                 for pairing, pair in zip(pairings, pairs, strict=True)
                 for helper in dict.fromkeys(pair.helpers)]
        bulk_create_with_history(links, PairingHelper, default_user=by)
        return pairings


def pairing_create(
    *, round_id: int, beneficiary: Beneficiary, helpers: Iterable[Helper], paired_on: date,
    note: str = "", by: User | None = None,
) -> Pairing:
    """Pair helpers with a beneficiary in a round: `pairings_create` for one pair."""
    pair = NewPairing(round_id=round_id, beneficiary=beneficiary, helpers=tuple(helpers),
                      paired_on=paired_on, note=note)
    return pairings_create(pairs=[pair], by=by)[0]


def pairing_close(
    *, pairing_id: int, status: str, closed_on: date, version: int | None = None, note: str = "",
    by: User | None = None,
) -> Pairing:
    """Record that an active pairing got out of poverty (脱贫) or ended, on a date."""
    with transaction.atomic():
        pairing = _locked(Pairing.objects.select_related("round__programme"), pairing_id,
                          version)
        if pairing.status != Pairing.Status.ACTIVE:
            raise ValidationError(_("This pairing is already closed."), code="closed")
        if status not in (Pairing.Status.EXITED, Pairing.Status.ENDED):
            raise ValidationError(_("Choose out of poverty or ended."), code="status")
        if closed_on and pairing.paired_on and closed_on < pairing.paired_on:
            raise ValidationError(
                {"closed_on": ValidationError(
                    _("A pairing cannot close before it was made (%(day)s).")
                    % {"day": pairing.paired_on}, code="before_pairing")}
            )
        pairing.status = status
        pairing.closed_on = closed_on
        if note:
            pairing.note = f"{pairing.note}\n{note}".strip()
        pairing.full_clean()
        _audited(pairing, by).save()
        return pairing


# ---- projects ----

def project_create(
    *, pairing: Pairing, sector: str, name: str, started_on: date, note: str = "",
    by: User | None = None,
) -> Project:
    """Start a project for an active pairing, inside the round."""
    with transaction.atomic():
        locked = Pairing.objects.select_for_update().get(pk=pairing.pk)
        if locked.status != Pairing.Status.ACTIVE:
            raise ValidationError(
                _("Projects are added to active pairings only."), code="pairing_closed")
        project = Project(pairing=locked, sector=sector, name=name, started_on=started_on,
                          note=note)
        project.full_clean()
        _audited(project, by).save()
        return project


def project_update(*, project_id: int, version: int | None = None, by: User | None = None,
                   **changes: object) -> Project:
    """Change a project (optimistic lock on `version`)."""
    with transaction.atomic():
        project = _locked(Project.objects.all(), project_id, version)
        for field, value in changes.items():
            setattr(project, field, value)
        project.full_clean()
        _audited(project, by).save()
        return project
