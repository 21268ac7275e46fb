"""An import batch from upload to import. The file is read once: its rows, as read, are kept with
the batch and confirmed from there (checked again against the records as they are then). A
large file is checked, and a large import saved, by the background worker (core/tasks.py)
while the batch's page shows the progress; a small one within the request.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.urls import get_resolver
from django.utils import timezone

from accounts.roles import ADMINS, has_role

from .import_results import ImportResult, Row, RowError
from .models import ImportBatch

if TYPE_CHECKING:
    from .imports import Importer

PREVIEW_ROWS = 50
IMPORTERS: dict[str, type[Importer]] = {}  # by kind: the importers wired into the URLconf


def register(importer_class: type[Importer]) -> None:
    """Called by `import_urls()`: the worker runs only importers the site offers."""
    known = IMPORTERS.setdefault(importer_class.kind, importer_class)
    if known is not importer_class:
        raise ImproperlyConfigured(f"two importers of kind {importer_class.kind!r}")


def importer_for(kind: str) -> Importer:
    """A new importer of `kind`; the URLconf is loaded first (in the worker nothing else
    loads it), which registers every importer."""
    if kind not in IMPORTERS:
        get_resolver().url_patterns  # noqa: B018  (loading it wires the importers)
    return IMPORTERS[kind]()


# ---- the rows as read, kept with the batch ----

def _encode(value: Any) -> dict:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    raise TypeError(f"cannot keep a {type(value).__name__} read from an import")


def _decode(mapping: dict) -> Any:
    if len(mapping) == 1:
        (key, value), = mapping.items()
        if key == "$date":
            return date.fromisoformat(value)
        if key == "$datetime":
            return datetime.fromisoformat(value)
        if key == "$decimal":
            return Decimal(value)
    return mapping


def encode_rows(rows: list[Row]) -> bytes:
    """The rows as compressed JSON (dates and decimals tagged)."""
    text = json.dumps([[row.number, row.values] for row in rows], default=_encode,
                      ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 6)


def decode_rows(blob: bytes) -> list[Row]:
    return [Row(number, values)
            for number, values in json.loads(zlib.decompress(blob), object_hook=_decode)]


# ---- who sees a batch ----

def visible_batches(user, kind: str) -> QuerySet[ImportBatch]:
    """The batches of one importer a user may see and confirm: their own; an admin's, all."""
    batches = ImportBatch.objects.filter(kind=kind)
    return batches if has_role(user, *ADMINS) else batches.filter(uploaded_by=user)


# ---- checking a file ----

@dataclass
class Checked:
    result: ImportResult
    rows: bytes | None  # the rows as read, before check() resolved their values
    preview: list


def check_file(importer: Importer, content: bytes, filename: str, progress=None) -> Checked:
    """Read the file once, check its rows against the records; nothing is written."""
    result = importer.read(content, filename, progress)
    rows = encode_rows(result.rows) if result.ok else None
    result = importer.check_rows(result)
    preview = ([[row.number, importer.preview_cells(row)] for row in result.rows[:PREVIEW_ROWS]]
               if result.ok else [])
    return Checked(result, rows, preview)


def in_background(content_bytes: int) -> bool:
    return content_bytes > settings.IMPORT_BACKGROUND_BYTES


def batch_checked(*, importer: Importer, checked: Checked, content: bytes, filename: str,
                  by) -> ImportBatch:
    """The batch of a file checked within the request and found good."""
    return ImportBatch.objects.create(
        kind=importer.kind, filename=filename[:200], content=content, rows=checked.rows,
        preview=checked.preview, row_count=len(checked.result.rows), uploaded_by=by,
        status=ImportBatch.Status.PREVIEWED,
    )


def batch_queue(*, importer: Importer, content: bytes, filename: str, by) -> ImportBatch:
    """A batch waiting for the worker to check its file (`tasks.check_import`)."""
    return ImportBatch.objects.create(kind=importer.kind, filename=filename[:200],
                                      content=content, uploaded_by=by,
                                      status=ImportBatch.Status.QUEUED)


def _record(batch: ImportBatch, checked: Checked) -> None:
    result = checked.result
    batch.row_count = batch.progress_done = batch.progress_total = len(result.rows)
    fields = ["status", "row_count", "progress_done", "progress_total"]
    if result.ok:
        batch.status, batch.rows, batch.preview = (ImportBatch.Status.PREVIEWED, checked.rows,
                                                   checked.preview)
        fields += ["rows", "preview"]
    else:
        # A file with problems is not kept: it will be corrected and uploaded again.
        batch.status, batch.content = ImportBatch.Status.INVALID, b""
        keep_errors(batch, result)
        fields += ["content", "errors", "error_count"]
    batch.save(update_fields=fields)


def keep_errors(batch: ImportBatch, result: ImportResult) -> None:
    batch.errors = [[e.row, e.column, e.message] for e in result.errors]
    batch.error_count = result.error_count


def errors_of(batch: ImportBatch) -> list[RowError]:
    return [RowError(*error) for error in batch.errors]


def check_queued(*, batch_id: int) -> None:
    """The worker's part: check the file of a queued batch, reporting the rows read so far."""
    queued = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED)
    if not queued.update(status=ImportBatch.Status.CHECKING):
        return  # checked already (a task run twice)

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch_id).update(progress_done=done,
                                                       progress_total=max(total, done))

    try:
        batch = ImportBatch.objects.get(pk=batch_id)
        checked = check_file(importer_for(batch.kind), bytes(batch.content), batch.filename,
                             progress)
        _record(batch, checked)
    except Exception:
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.Status.FAILED)
        raise


# ---- confirming ----

def rows_of(batch: ImportBatch, importer: Importer) -> ImportResult:
    """The rows kept with the batch (a batch kept before rows were, is read from its file)."""
    if batch.rows is not None:
        return ImportResult(decode_rows(bytes(batch.rows)), [])
    return importer.read(bytes(batch.content), batch.filename)


def confirm(*, batch: ImportBatch, importer: Importer, by) -> ImportResult:
    """Import the batch's rows (the caller holds the batch locked, in a transaction): all of
    them, or none and the batch shows why."""
    result = rows_of(batch, importer)
    # A file read again with bad cells is checked too, to list all its problems at once.
    result = importer.confirm(result.rows, by=by) if result.ok else importer.check_rows(result)
    if result.ok:
        batch.status, batch.imported_at, batch.rows = (ImportBatch.Status.IMPORTED,
                                                       timezone.now(), None)
        batch.row_count = len(result.rows)
    else:  # the records changed since the check
        batch.status = ImportBatch.Status.INVALID
        keep_errors(batch, result)
    batch.save()
    return result


def confirm_later(batch: ImportBatch) -> None:
    """Hand a locked batch to the worker; the caller enqueues `tasks.confirm_import` once
    committed."""
    batch.status = ImportBatch.Status.CONFIRMING
    batch.save(update_fields=["status"])


def confirm_queued(*, batch_id: int, by) -> None:
    """The worker's part: import a batch handed over by `confirm_later()`."""
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().light().get(pk=batch_id)
            if batch.status != ImportBatch.Status.CONFIRMING:
                return  # imported already (a task run twice)
            confirm(batch=batch, importer=importer_for(batch.kind), by=by)
    except Exception:
        # Nothing was saved (the transaction rolled back): the batch may be confirmed again.
        ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.CONFIRMING).update(
            status=ImportBatch.Status.FAILED)
        raise


def may_confirm(batch: ImportBatch) -> bool:
    return batch.status in (ImportBatch.Status.PREVIEWED, ImportBatch.Status.FAILED) and (
        batch.row_count > 0)


def confirmed_in_background(batch: ImportBatch) -> bool:
    return batch.row_count > settings.IMPORT_BACKGROUND_ROWS
