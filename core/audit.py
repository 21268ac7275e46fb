"""The audit trail of a record (django-simple-history), ready for `core/_history.html`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
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
    return histories([obj], formatters, limit).get(obj.pk, [])


def histories(objects, formatters: dict[str, Callable[[object], str]] | None = None,
              limit: int = 100) -> dict[object, list[HistoryEntry]]:
    """The history of several records of one model, by primary key, in a fixed number of queries
    (one for the records, one per foreign key that they point through)."""
    objects = list(objects)
    if not objects:
        return {}
    formatters = formatters or {}
    model = objects[0]._meta.model
    pk_name = model._meta.pk.attname
    records = list(
        model.history.filter(**{f"{pk_name}__in": [obj.pk for obj in objects]})
        .select_related("history_user")
        .order_by(pk_name, "-history_date", "-history_id")
    )
    by_object: dict[object, list] = {}
    for record in records:
        by_object.setdefault(getattr(record, pk_name), []).append(record)
    tracked = [f for f in model._meta.concrete_fields
               if not f.primary_key and f.name != "version"
               and (not records or hasattr(records[0], f.attname))]
    names = _related_names(tracked, records)
    return {pk: _entries(rows[:limit], tracked, formatters, names)
            for pk, rows in by_object.items()}


def _entries(records, tracked, formatters, names) -> list[HistoryEntry]:
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
    if isinstance(value, datetime) and timezone.is_aware(value):
        # Stored in UTC; shown as the wall time of the current time zone (Asia/Shanghai).
        return formats.localize(timezone.localtime(value))
    if isinstance(value, (date, datetime, Decimal)):
        return formats.localize(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
