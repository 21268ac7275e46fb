import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .export_all import DATA_FILE, MANIFEST_FILE, record_counts

# Created by migrations in every new database; the export's copies replace them.
MIGRATION_DATA = {"auth.Group"}


class Command(BaseCommand):
    help = ("Read back what export_all wrote into an empty, migrated database: all of it in one "
            "transaction, checked against the export's record counts.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        data, manifest = directory / DATA_FILE, directory / MANIFEST_FILE
        if not data.exists() or not manifest.exists():
            raise CommandError(f"{directory} holds no export ({DATA_FILE}, {MANIFEST_FILE}).")
        expected = json.loads(manifest.read_text())
        filled = [label for label, count in record_counts().items()
                  if count and label not in MIGRATION_DATA]
        if filled:
            raise CommandError("The database already holds records (" + ", ".join(filled[:5])
                               + "); import_all only fills an empty database.")
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
            counts = record_counts()
            wrong = {label: (counts.get(label), count) for label, count in expected.items()
                     if counts.get(label) != count and apps.is_installed(label.split(".")[0])}
            if wrong:
                raise CommandError(f"Record counts differ from the export (now, exported): "
                                   f"{wrong}; nothing was imported.")
        self.stdout.write(self.style.SUCCESS(
            f"Imported {sum(counts.values())} records from {directory}."))
