import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

# Rebuilt by `migrate` (content types, permissions) or transient (sessions, login attempts).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes")
DATA_FILE = "data.json"
MANIFEST_FILE = "manifest.json"


def backed_up_models() -> list[str]:
    """Every model the export holds, as app_label.ModelName."""
    labels = []
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label in EXCLUDED or label.lower() in EXCLUDED:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        labels.append(label)
    return sorted(labels)


def record_counts() -> dict[str, int]:
    return {label: apps.get_model(label)._default_manager.count()
            for label in backed_up_models()}


@contextmanager
def snapshot() -> Iterator[None]:
    """One read-only transaction that sees the database as it was when it began, whatever is
    saved meanwhile: the data and the manifest's counts agree while people work.

    PostgreSQL: REPEATABLE READ (a snapshot taken at the first statement). SQLite: one read
    transaction sees one state of the file (writers wait for it). Called inside a transaction
    already (a test's), it keeps that transaction's isolation.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class Command(BaseCommand):
    help = ("Write every record (users, registry, aid, pairings, economy, activities, reports, "
            "audit history) to DIR as JSON with natural keys; import_all DIR reads it back.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        directory.mkdir(parents=True, exist_ok=True)
        if (directory / DATA_FILE).exists():
            raise CommandError(f"{directory / DATA_FILE} exists; choose an empty directory.")
        with snapshot():
            call_command("dumpdata", *backed_up_models(), natural_foreign=True,
                         natural_primary=True, output=str(directory / DATA_FILE), verbosity=0)
            counts = record_counts()
        (directory / MANIFEST_FILE).write_text(json.dumps(counts, indent=1, sort_keys=True))
        self.stdout.write(self.style.SUCCESS(
            f"Exported {sum(counts.values())} records of {len(counts)} models to {directory}."))
