"""Import the pairs of a poverty-alleviation round from a spreadsheet (docs/import-formats.md).

One row per pair: the official, the helping unit, the beneficiary (a hardship worker by ID
number, or by name when the archive has exactly one of that name; an entrepreneurship base by
name), its kind and the day it was paired. The round is the one named in the optional 轮次
column, or else the poverty-alleviation round running on that day.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from aid.models import HardshipWorker
from aid.validators import mask_id_number, normalize_id_number
from core import imports
from core.imports import Column, Errors, Row

from . import services
from .models import Beneficiary, Helper, Pairing, Programme, Round

IMPORTED_KINDS = (Beneficiary.Kind.WORKER, Beneficiary.Kind.BASE)
HELPER_COLUMNS = (("official", Helper.Kind.OFFICIAL), ("unit", Helper.Kind.UNIT))


def _looks_like_id_number(value: str) -> bool:
    number = normalize_id_number(value)
    return len(number) == 18 and number[:17].isascii() and number[:17].isdigit()


@dataclass
class Found:
    """What the checks found for one row: its round, and the records it names that exist."""

    round: Round | None = None
    worker: HardshipWorker | None = None
    beneficiary: Beneficiary | None = None
    official: Helper | None = None
    unit: Helper | None = None


class PairingImporter(imports.Importer):
    kind = "pairings.pairs"
    title = gettext_lazy("Import the pairs of a round")
    columns = (
        Column("official", "处级领导", imports.name(100), example="王建国"),
        Column("unit", "帮扶单位", imports.name(100), example="县财政局"),
        Column("beneficiary", "被帮扶对象", imports.name(100), example="朝阳镇黑木耳创业基地"),
        Column("beneficiary_kind", "对象类别", imports.choice(Beneficiary.Kind),
               example="创业基地"),
        Column("paired_on", "结对日期", imports.field_day(Pairing, "paired_on"),
               example="2011-03-15"),
        Column("round", "轮次", imports.text(50), required=False, example="第五轮"),
        Column("description", "说明", imports.text(200), required=False,
               example="朝阳镇 地栽黑木耳"),
    )

    def __init__(self) -> None:
        self.found: dict[int, Found] = {}  # by row number, filled by check()

    def check(self, rows: list[Row], errors: Errors) -> None:
        self.found = {row.number: Found() for row in rows}
        rounds = list(Round.objects.filter(programme__kind=Programme.Kind.POVERTY)
                      .select_related("programme"))
        for row in rows:
            self.found[row.number].round = self._round_of(row, errors, rounds)
        self._find_workers(rows, errors)
        self._find_beneficiaries(rows, errors)
        self._find_helpers(rows, errors)
        self._check_pairs(rows, errors)

    def _round_of(self, row: Row, errors: Errors, rounds: list[Round]) -> Round | None:
        """The round named in the row, or the one running on its day; None when neither. The
        day's rules in the round (inside it, not in the future) are the pairing's own
        (`records()`: Pairing.clean)."""
        values = row.values
        if values["beneficiary_kind"] not in (*IMPORTED_KINDS, None):
            errors.add(row.number, "beneficiary_kind",
                       _("only hardship workers and entrepreneurship bases are imported"))
        day = values["paired_on"]
        if values.get("round"):
            chosen = next((r for r in rounds if r.name == values["round"]), None)
            if chosen is None:
                errors.add(row.number, "round", _("no poverty-alleviation round has this name"))
            return chosen
        if day is None:  # unreadable: reported already
            return None
        running = [r for r in rounds if r.covers(day)]
        if not running:
            errors.add(row.number, "paired_on",
                       _("no poverty-alleviation round runs on this date"))
            return None
        return max(running, key=lambda r: r.starts_on)

    def records(self, row: Row) -> list[Pairing]:
        """The pair the row makes, for the model's rules on its day; no query (the rounds come
        with their programme, the beneficiary found is the one checked)."""
        found = self.found[row.number]
        if found.round is None:
            return []
        return [Pairing(round=found.round, beneficiary=found.beneficiary,
                        paired_on=row.values["paired_on"])]

    def _find_workers(self, rows: list[Row], errors: Errors) -> None:
        """The hardship worker of each worker row: by ID number, or by a name held once."""
        workers_rows = [r for r in rows if r.values["beneficiary_kind"] == Beneficiary.Kind.WORKER
                        and r.values["beneficiary"] is not None]
        ids = {normalize_id_number(r.values["beneficiary"]) for r in workers_rows
               if _looks_like_id_number(r.values["beneficiary"])}
        names = {r.values["beneficiary"] for r in workers_rows
                 if not _looks_like_id_number(r.values["beneficiary"])}
        by_id, by_name = {}, defaultdict(list)
        for worker in HardshipWorker.objects.filter(Q(id_number__in=ids) | Q(name__in=names)):
            by_id[worker.id_number] = worker
            by_name[worker.name].append(worker)
        for row in workers_rows:
            value = row.values["beneficiary"]
            if _looks_like_id_number(value):
                worker = by_id.get(normalize_id_number(value))
                if worker is None:
                    errors.add(row.number, "beneficiary",
                               _("no hardship worker with this ID number in the archive"))
            else:
                found = by_name.get(value, [])
                worker = found[0] if len(found) == 1 else None
                if not found:
                    errors.add(row.number, "beneficiary",
                               _("no hardship worker of this name in the archive"))
                elif len(found) > 1:
                    errors.add(row.number, "beneficiary",
                               _("several hardship workers have this name: give the ID number"))
            self.found[row.number].worker = worker

    def _find_beneficiaries(self, rows: list[Row], errors: Errors) -> None:
        """The beneficiary records that exist already: a worker's, or a base of that name."""
        workers = [f.worker for f in self.found.values() if f.worker is not None]
        base_names = {r.values["beneficiary"] for r in rows
                      if r.values["beneficiary_kind"] == Beneficiary.Kind.BASE
                      and r.values["beneficiary"] is not None}
        existing = Beneficiary.objects.filter(
            Q(worker__in=workers) | Q(kind=Beneficiary.Kind.BASE, name__in=base_names))
        by_worker, bases = {}, defaultdict(list)
        for beneficiary in existing:
            if beneficiary.worker_id:
                by_worker[beneficiary.worker_id] = beneficiary
            else:
                bases[beneficiary.name].append(beneficiary)
        for row in rows:
            found = self.found[row.number]
            if found.worker is not None:
                found.beneficiary = by_worker.get(found.worker.pk)
            elif row.values["beneficiary_kind"] == Beneficiary.Kind.BASE:
                named = bases.get(row.values["beneficiary"], [])
                found.beneficiary = named[0] if named else None
                if len(named) > 1:
                    errors.add(row.number, "beneficiary",
                               _("several bases have this name; enter this pair on its own"))

    def _find_helpers(self, rows: list[Row], errors: Errors) -> None:
        wanted = Q()
        for column, kind in HELPER_COLUMNS:
            wanted |= Q(kind=kind, name__in={r.values[column] for r in rows
                                             if r.values[column] is not None})
        existing = defaultdict(list)
        for helper in Helper.objects.filter(wanted):
            existing[(helper.kind, helper.name)].append(helper)
        for row in rows:
            found = self.found[row.number]
            for column, kind in HELPER_COLUMNS:
                helpers = existing.get((kind, row.values[column]), [])
                if len(helpers) > 1:
                    errors.add(row.number, column,
                               _("several helpers have this name; enter this pair on its own"))
                setattr(found, column, helpers[0] if helpers else None)

    def _check_pairs(self, rows: list[Row], errors: Errors) -> None:
        known = [f.beneficiary for f in self.found.values() if f.beneficiary is not None]
        active = set(
            Pairing.objects.filter(status=Pairing.Status.ACTIVE, beneficiary__in=known)
            .values_list("round_id", "beneficiary_id"))
        seen: dict[tuple, int] = {}
        for row in rows:
            found = self.found[row.number]
            if found.round is None or not row.read("beneficiary", "beneficiary_kind"):
                continue
            if found.beneficiary is not None and (found.round.pk, found.beneficiary.pk) in active:
                errors.add(row.number, "beneficiary",
                           _("is already in an active pairing of this round"))
            key = (found.round.pk, found.worker.pk if found.worker else row.values["beneficiary"])
            if key in seen:
                errors.add(row.number, "beneficiary",
                           _("is paired twice in this file (see row %(row)d)")
                           % {"row": seen[key]})
            else:
                seen[key] = row.number

    def preview_cells(self, row: Row) -> list[str]:
        cells = super().preview_cells(row)
        keys = [c.key for c in self.columns]
        found = self.found[row.number]
        if found.worker is not None:
            cells[keys.index("beneficiary")] = (
                f"{found.worker.name} ({mask_id_number(found.worker.id_number)})")
        cells[keys.index("round")] = found.round.name
        return cells

    def save(self, rows: list[Row], *, by: User) -> int:
        """Every row a pair, made by the same service as the pairing form."""
        helpers: dict[tuple[str, str], Helper] = {}
        beneficiaries: dict[tuple, Beneficiary] = {}
        pairs = [self._new_pairing(row, helpers, beneficiaries) for row in rows]
        return len(services.pairings_create(pairs=pairs, by=by))

    def _new_pairing(self, row: Row, helpers: dict[tuple[str, str], Helper],
                     beneficiaries: dict[tuple, Beneficiary]) -> services.NewPairing:
        """The row's pair: the records found, or new ones shared by the rows that name them."""
        found, values = self.found[row.number], row.values
        for column, kind in HELPER_COLUMNS:
            key = (kind, values[column])
            if key not in helpers:
                helpers[key] = getattr(found, column) or Helper(kind=kind, name=values[column])
        key = ("worker", found.worker.pk) if found.worker else ("base", values["beneficiary"])
        if key not in beneficiaries:
            beneficiaries[key] = found.beneficiary or (
                Beneficiary(kind=Beneficiary.Kind.WORKER, worker=found.worker) if found.worker
                else Beneficiary(kind=Beneficiary.Kind.BASE, name=values["beneficiary"],
                                 description=values.get("description") or ""))
        return services.NewPairing(
            round_id=found.round.pk, beneficiary=beneficiaries[key],
            helpers=tuple(helpers[(kind, values[column])] for column, kind in HELPER_COLUMNS),
            paired_on=values["paired_on"],
        )
