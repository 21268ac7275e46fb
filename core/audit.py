"""The audit trail of a record (django-simple-history), ready for `core/_history.html`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: tuple[Change, ...]


def history_entries(obj: models.Model,
                    formatters: dict[str, Callable[[object], str]] | None = None,
                    limit: int = 100) -> list[HistoryEntry]:
    """Newest first: who, when, and each changed field old -> new, in a fixed number of queries.

    `formatters` shows a field another way, e.g. `{"id_number": mask_id_number}`.
    """
    formatters = formatters or {}
    records = list(obj.history.select_related("history_user").order_by("-history_date",
                                                                        "-history_id")[:limit])
    model = obj._meta.model
    tracked = [f for f in model._meta.concrete_fields
               if not f.primary_key and f.name not in {"version"}
               and hasattr(records[0] if records else obj, f.attname)]
    names = _related_names(tracked, records)
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        for field in tracked:
            new = getattr(record, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if previous is not None and old == new:
                continue
            if previous is None and new in (None, "", [], {}):
                continue
            show = formatters.get(field.name) or (lambda v, f=field: _show(f, v, names))
            changes.append(Change(str(field.verbose_name),
                                  show(old) if previous is not None else "", show(new)))
        who = record.history_user.display_name if record.history_user else str(_("system"))
        entries.append(HistoryEntry(record.history_date, who,
                                    str(ACTIONS.get(record.history_type, "")), tuple(changes)))
    return entries


def _related_names(fields, records) -> dict[tuple[str, object], str]:
    """One query per foreign key field: the names of the objects the records point at."""
    names = {}
    for field in fields:
        if not field.is_relation:
            continue
        pks = {getattr(r, field.attname) for r in records} - {None}
        if pks:
            for pk, related in field.related_model._default_manager.in_bulk(pks).items():
                names[(field.name, pk)] = str(related)
    return names


def _show(field, value, names) -> str:
    if value is None or value == "":
        return "—"
    if field.is_relation:
        return names.get((field.name, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (date, datetime, Decimal)):
        return formats.localize(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
