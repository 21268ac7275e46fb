"""Bulk writing for the generator: PostgreSQL COPY, or bulk_create in batches elsewhere."""

import sys
import time

from django.core.management.color import no_style
from django.db import connection
from psycopg.types.json import Jsonb

BATCH_SIZE = 5000


class Progress:
    """A plain progress line on stderr, redrawn at most five times a second."""

    def __init__(self, stream=None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.started = time.perf_counter()

    def update(self, label: str, done: int, total: int | None, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - getattr(self, "_last", 0) < 0.2:
            return
        self._last = now
        if total:
            width = 30
            filled = int(width * min(done, total) / total)
            bar = "#" * filled + "." * (width - filled)
            text = f"\r{label:<22} [{bar}] {done:>10,}/{total:,}"
        else:
            text = f"\r{label:<22} {done:>10,}"
        text += f"  {now - self.started:7.1f} s"
        self.stream.write(text + ("\n" if final else ""))
        self.stream.flush()


class Writer:
    """Inserts rows given as tuples of field values, with primary keys chosen by the caller."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.models: list = []

    def first_id(self, model) -> int:
        """The next free primary key of `model` (tables are expected to be empty)."""
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def insert(self, model, fields: tuple[str, ...], rows, *, label: str,
               total: int | None = None) -> int:
        """Write `rows` (an iterable of tuples in `fields` order) into `model`'s table."""
        if model not in self.models:
            self.models.append(model)
        if connection.vendor == "postgresql":
            written = self._copy(model, fields, rows, label, total)
        else:
            written = self._bulk_create(model, fields, rows, label, total)
        self.progress.update(label, written, total or written, final=True)
        self.counts[label] = self.counts.get(label, 0) + written
        return written

    def _copy(self, model, fields, rows, label, total) -> int:
        columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column)
                            for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        json_at = [i for i, f in enumerate(fields)
                   if model._meta.get_field(f).get_internal_type() == "JSONField"]
        written = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            row[i] = Jsonb(row[i])
                    copy.write_row(row)
                    written += 1
                    if written % BATCH_SIZE == 0:
                        self.progress.update(label, written, total)
        return written

    def _bulk_create(self, model, fields, rows, label, total) -> int:
        written, batch = 0, []
        for row in rows:
            batch.append(model(**dict(zip(fields, row, strict=True))))
            if len(batch) == BATCH_SIZE:
                model.objects.bulk_create(batch)
                written += len(batch)
                batch = []
                self.progress.update(label, written, total)
        if batch:
            model.objects.bulk_create(batch)
            written += len(batch)
        return written

    def finish(self) -> None:
        """Move the id sequences past the ids written, and refresh the planner's statistics."""
        statements = connection.ops.sequence_reset_sql(no_style(), self.models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
            if connection.vendor == "postgresql":
                for model in self.models:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
