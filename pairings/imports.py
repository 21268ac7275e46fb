"""Import the pairs of a poverty-alleviation round from a spreadsheet (docs/import-formats.md).

One row per pair: the official, the helping unit, the beneficiary (a hardship worker by ID
number, or by name when the archive has exactly one of that name; an entrepreneurship base by
name), its kind and the day it was paired. The round is the one named in the optional 轮次
column, or else the poverty-alleviation round running on that day.
"""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from aid.models import HardshipWorker
from aid.validators import mask_id_number, normalize_id_number
from core import imports
from core.imports import Column, Errors, Row

from .models import Beneficiary, Helper, Pairing, PairingHelper, Programme, Round

IMPORTED_KINDS = (Beneficiary.Kind.WORKER, Beneficiary.Kind.BASE)


def _looks_like_id_number(value: str) -> bool:
    number = normalize_id_number(value)
    return len(number) == 18 and number[:17].isdigit()


class PairingImporter(imports.Importer):
    kind = "pairings.pairs"
    title = gettext_lazy("Import the pairs of a round")
    columns = (
        Column("official", "处级领导", imports.text(100), example="王建国"),
        Column("unit", "帮扶单位", imports.text(100), example="县财政局"),
        Column("beneficiary", "被帮扶对象", imports.text(100), example="朝阳镇黑木耳创业基地"),
        Column("beneficiary_kind", "对象类别", imports.choice(Beneficiary.Kind),
               example="创业基地"),
        Column("paired_on", "结对日期", imports.day(), example="2011-03-15"),
        Column("round", "轮次", imports.text(50), required=False, example="第五轮"),
        Column("description", "说明", imports.text(200), required=False,
               example="朝阳镇 地栽黑木耳"),
    )

    def check(self, rows: list[Row], errors: Errors) -> None:
        rounds = list(Round.objects.filter(programme__kind=Programme.Kind.POVERTY)
                      .select_related("programme"))
        self._check_rounds(rows, errors, rounds)
        self._find_beneficiaries(rows, errors)
        self._find_helpers(rows, errors)
        self._check_pairs(rows, errors)

    def _check_rounds(self, rows: list[Row], errors: Errors, rounds: list[Round]) -> None:
        by_name = {r.name: r for r in rounds}
        today = timezone.localdate()
        for row in rows:
            values = row.values
            if values["beneficiary_kind"] not in IMPORTED_KINDS:
                errors.add(row.number, "beneficiary_kind",
                           _("only hardship workers and entrepreneurship bases are imported"))
            day = values["paired_on"]
            if values.get("round"):
                chosen = by_name.get(values["round"])
                if chosen is None:
                    errors.add(row.number, "round",
                               _("no poverty-alleviation round has this name"))
                    continue
            else:
                running = [r for r in rounds if r.covers(day)]
                chosen = max(running, key=lambda r: r.starts_on) if running else None
                if chosen is None:
                    errors.add(row.number, "paired_on",
                               _("no poverty-alleviation round runs on this date"))
                    continue
            if not chosen.covers(day):
                errors.add(row.number, "paired_on", chosen.outside_message(day).messages[0])
            elif day > today:
                errors.add(row.number, "paired_on", _("is in the future"))
            values["_round"] = chosen

    def _find_beneficiaries(self, rows: list[Row], errors: Errors) -> None:
        workers_rows = [r for r in rows if r.values["beneficiary_kind"] == Beneficiary.Kind.WORKER]
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
            row.values["_worker"] = worker

        base_names = {r.values["beneficiary"] for r in rows
                      if r.values["beneficiary_kind"] == Beneficiary.Kind.BASE}
        existing = Beneficiary.objects.filter(
            Q(worker__in=[r.values["_worker"] for r in workers_rows if r.values.get("_worker")])
            | Q(kind=Beneficiary.Kind.BASE, name__in=base_names)
        )
        by_worker, bases = {}, defaultdict(list)
        for beneficiary in existing:
            if beneficiary.worker_id:
                by_worker[beneficiary.worker_id] = beneficiary
            else:
                bases[beneficiary.name].append(beneficiary)
        for row in rows:
            values = row.values
            if values["beneficiary_kind"] == Beneficiary.Kind.WORKER:
                worker = values.get("_worker")
                values["_beneficiary"] = by_worker.get(worker.pk) if worker else None
            elif values["beneficiary_kind"] == Beneficiary.Kind.BASE:
                found = bases.get(values["beneficiary"], [])
                values["_beneficiary"] = found[0] if found else None
                if len(found) > 1:
                    errors.add(row.number, "beneficiary",
                               _("several bases have this name; enter this pair on its own"))

    def _find_helpers(self, rows: list[Row], errors: Errors) -> None:
        wanted = Q(kind=Helper.Kind.OFFICIAL, name__in={r.values["official"] for r in rows}) | Q(
            kind=Helper.Kind.UNIT, name__in={r.values["unit"] for r in rows})
        found = defaultdict(list)
        for helper in Helper.objects.filter(wanted):
            found[(helper.kind, helper.name)].append(helper)
        for row in rows:
            for column, kind in (("official", Helper.Kind.OFFICIAL), ("unit", Helper.Kind.UNIT)):
                helpers = found.get((kind, row.values[column]), [])
                if len(helpers) > 1:
                    errors.add(row.number, column,
                               _("several helpers have this name; enter this pair on its own"))
                row.values[f"_{column}"] = helpers[0] if helpers else None

    def _check_pairs(self, rows: list[Row], errors: Errors) -> None:
        known = [r.values["_beneficiary"] for r in rows if r.values.get("_beneficiary")]
        active = set(
            Pairing.objects.filter(status=Pairing.Status.ACTIVE, beneficiary__in=known)
            .values_list("round_id", "beneficiary_id"))
        seen: dict[tuple, int] = {}
        for row in rows:
            values = row.values
            chosen = values.get("_round")
            if chosen is None:
                continue
            beneficiary = values.get("_beneficiary")
            if beneficiary is not None and (chosen.pk, beneficiary.pk) in active:
                errors.add(row.number, "beneficiary",
                           _("is already in an active pairing of this round"))
            worker = values.get("_worker")
            key = (chosen.pk, worker.pk if worker else values["beneficiary"])
            if key in seen:
                errors.add(row.number, "beneficiary",
                           _("is paired twice in this file (see row %(row)d)")
                           % {"row": seen[key]})
            else:
                seen[key] = row.number

    def preview_cells(self, row: Row) -> list[str]:
        cells = super().preview_cells(row)
        worker = row.values.get("_worker")
        if worker is not None:
            index = [c.key for c in self.columns].index("beneficiary")
            cells[index] = f"{worker.name} ({mask_id_number(worker.id_number)})"
        index = [c.key for c in self.columns].index("round")
        cells[index] = row.values["_round"].name
        return cells

    def save(self, rows: list[Row], *, by) -> int:
        # Lock the rounds as services.pairing_create does, so pairs made meanwhile are serialised.
        list(Round.objects.select_for_update().filter(
            pk__in={row.values["_round"].pk for row in rows}))
        helpers = self._create_helpers(rows, by)
        beneficiaries = self._create_beneficiaries(rows, by)
        pairings = bulk_create_with_history([
            Pairing(round=row.values["_round"], beneficiary=beneficiaries[self._key(row)],
                    paired_on=row.values["paired_on"])
            for row in rows
        ], Pairing, default_user=by)
        links = []
        for row, pairing in zip(rows, pairings, strict=True):
            for column, kind in (("official", Helper.Kind.OFFICIAL), ("unit", Helper.Kind.UNIT)):
                links.append(PairingHelper(pairing=pairing,
                                           helper=helpers[(kind, row.values[column])]))
        bulk_create_with_history(links, PairingHelper, default_user=by)
        return len(pairings)

    @staticmethod
    def _key(row: Row) -> tuple:
        worker = row.values.get("_worker")
        return ("worker", worker.pk) if worker else ("base", row.values["beneficiary"])

    def _create_helpers(self, rows: list[Row], by) -> dict[tuple, Helper]:
        helpers: dict[tuple, Helper] = {}
        new = []
        for row in rows:
            for column, kind in (("official", Helper.Kind.OFFICIAL), ("unit", Helper.Kind.UNIT)):
                key = (kind, row.values[column])
                if key in helpers:
                    continue
                helper = row.values[f"_{column}"] or Helper(kind=kind, name=row.values[column])
                helpers[key] = helper
                if helper.pk is None:
                    new.append(helper)
        bulk_create_with_history(new, Helper, default_user=by)
        return helpers

    def _create_beneficiaries(self, rows: list[Row], by) -> dict[tuple, Beneficiary]:
        beneficiaries: dict[tuple, Beneficiary] = {}
        new = []
        for row in rows:
            key = self._key(row)
            if key in beneficiaries:
                continue
            beneficiary = row.values["_beneficiary"]
            if beneficiary is None:
                worker = row.values.get("_worker")
                beneficiary = (
                    Beneficiary(kind=Beneficiary.Kind.WORKER, worker=worker) if worker
                    else Beneficiary(kind=Beneficiary.Kind.BASE, name=row.values["beneficiary"],
                                     description=row.values.get("description") or "")
                )
                new.append(beneficiary)
            beneficiaries[key] = beneficiary
        bulk_create_with_history(new, Beneficiary, default_user=by)
        return beneficiaries
