"""Writes that touch several rows or guard the fund ledger's balance.

The balance rule: in a round, money injected or disbursed never exceeds the money raised or
received, at any date. Every write to the ledger locks the round's row first
(`select_for_update`), so two entries made at the same moment are checked one after the other.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, DecimalField, F, Sum, When
from django.utils.translation import gettext as _

from core.money import yuan
from core.views import STALE_MESSAGE

from .models import Beneficiary, FundEntry, Helper, Pairing, PairingHelper, Project, Round


class StaleRecord(ValidationError):
    """The record changed since the form was opened; nothing was written."""


def _check_version(obj, version: int | None) -> None:
    # None: the caller compared the version under this row's lock already (OptimisticLockMixin).
    if version is not None and obj.version != version:
        raise StaleRecord(STALE_MESSAGE, code="stale")


def _balances(round_id: int, *, exclude_entry_id: int | None = None) -> list[tuple[date, Decimal]]:
    """The ledger's balance at the end of each date that has entries, in date order."""
    signed = Case(
        When(kind__in=FundEntry.INCOMING, then=F("amount")),
        default=-F("amount"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
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


def _check_balance(entry: FundEntry, *, exclude_entry_id: int | None = None) -> None:
    if entry.is_outgoing:
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
        return
    # An income edited down or moved later must still cover what already went out.
    balances = _balances(entry.round_id, exclude_entry_id=exclude_entry_id)
    for day, balance in balances:
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


def fund_entry_create(
    *, round_id: int, kind: str, amount: Decimal, entered_on: date,
    pairing: Pairing | None = None, project: Project | None = None,
    counterparty: str = "", note: str = "", by=None,
) -> FundEntry:
    """Record a ledger line; an injection or disbursement is refused beyond the balance."""
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
        entry.save()
        return entry


def fund_entry_update(*, entry_id: int, version: int | None = None, by=None,
                      **changes) -> FundEntry:
    """Correct a ledger line (optimistic lock on `version`); the balance rule still holds."""
    with transaction.atomic():
        # Lock order: the entry, then its round (a new entry locks the round only).
        entry = FundEntry.objects.select_for_update().get(pk=entry_id)
        Round.objects.select_for_update().get(pk=entry.round_id)
        _check_version(entry, version)
        for field, value in changes.items():
            setattr(entry, field, value)
        if entry.project_id:
            entry.pairing_id = entry.project.pairing_id
        entry.full_clean(validate_constraints=False)
        _check_balance(entry, exclude_entry_id=entry.pk)
        entry.version += 1
        entry.save()
        return entry


def helper_for(*, kind: str, name: str, organisation: str = "") -> Helper:
    """The helper of this kind and name (created on first use)."""
    helper, _created = Helper.objects.get_or_create(
        kind=kind, name=name.strip(), organisation=organisation.strip())
    return helper


def beneficiary_for(
    *, kind: str, worker=None, name: str = "", description: str = "",
) -> Beneficiary:
    """The beneficiary record of a hardship worker, or of a named base or student."""
    if kind == Beneficiary.Kind.WORKER:
        beneficiary, _created = Beneficiary.objects.get_or_create(
            worker=worker, defaults={"kind": kind})
        return beneficiary
    beneficiary, _created = Beneficiary.objects.get_or_create(
        kind=kind, worker=None, name=name.strip(), description=description.strip())
    return beneficiary


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


def pairing_create(
    *, round_id: int, beneficiary: Beneficiary, helpers: Iterable[Helper], paired_on: date,
    note: str = "", by=None,
) -> Pairing:
    """Pair helpers with a beneficiary in a round (one active pairing per beneficiary)."""
    helpers = list(dict.fromkeys(helpers))
    with transaction.atomic():
        locked_round = Round.objects.select_for_update().select_related("programme").get(
            pk=round_id)
        pairing = Pairing(round=locked_round, beneficiary=beneficiary, paired_on=paired_on,
                          note=note)
        pairing.full_clean()
        _check_helpers(locked_round, helpers)
        pairing.save()
        PairingHelper.objects.bulk_create(
            [PairingHelper(pairing=pairing, helper=helper) for helper in helpers])
        return pairing


def pairing_close(
    *, pairing_id: int, status: str, closed_on: date, version: int | None = None, note: str = "",
    by=None,
) -> Pairing:
    """Record that an active pairing got out of poverty (脱贫) or ended, on a date."""
    with transaction.atomic():
        pairing = Pairing.objects.select_for_update().select_related("round__programme").get(
            pk=pairing_id)
        _check_version(pairing, version)
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
        pairing.version += 1
        pairing.save()
        return pairing


def project_create(
    *, pairing: Pairing, sector: str, name: str, started_on: date, note: str = "", by=None,
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
        project.save()
        return project


def project_update(*, project_id: int, version: int | None = None, by=None,
                   **changes) -> Project:
    """Change a project (optimistic lock on `version`)."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        _check_version(project, version)
        for field, value in changes.items():
            setattr(project, field, value)
        project.full_clean()
        project.version += 1
        project.save()
        return project
