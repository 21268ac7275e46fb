import json
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from simple_history.models import HistoricalChanges

from .export_all import DATA_FILE, MANIFEST_FILE, record_counts


def made_by_people(label: str) -> bool:
    """Users and audit-trail rows: a freshly migrated database has none of either.

    Every record entered through the application names its user (who may then no longer be
    deleted) and writes its audit trail; migrations create neither.
    """
    model = apps.get_model(label)
    return model is get_user_model() or issubclass(model, HistoricalChanges)


def replace_seeded_rows(counts: dict[str, int]) -> list[str]:
    """Delete the rows migrations put in the new database (role groups, default caps, …): the
    export holds those records as they were, changed or removed since. Their deletion writes
    audit-trail rows, which go too (there were none before). Returns the models emptied."""
    seeded = [label for label, count in counts.items() if count]
    for label in seeded:
        try:
            apps.get_model(label)._base_manager.all().delete()
        except ProtectedError as error:
            raise CommandError(f"{label}: rows made by the migrations are referenced "
                               f"({error}); nothing was imported.") from None
    for label in counts:
        if issubclass(apps.get_model(label), HistoricalChanges):
            apps.get_model(label)._base_manager.all().delete()
    return seeded


class Command(BaseCommand):
    help = ("Read back what export_all wrote into a freshly migrated database: all of it in one "
            "transaction (the rows migrations made are replaced by the export's), checked "
            "against the export's record counts.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        data, manifest = directory / DATA_FILE, directory / MANIFEST_FILE
        if not data.exists() or not manifest.exists():
            raise CommandError(f"{directory} holds no export ({DATA_FILE}, {MANIFEST_FILE}).")
        expected = json.loads(manifest.read_text())
        with transaction.atomic():
            counts = record_counts()
            filled = [label for label, count in counts.items()
                      if count and made_by_people(label)]
            if filled:
                raise CommandError(
                    "The database already holds records (" + ", ".join(filled[:5]) + "); "
                    "import_all only fills a freshly migrated database, before any user is "
                    "created.")
            replaced = replace_seeded_rows(counts)
            call_command("loaddata", str(data), verbosity=0)
            counts = record_counts()
            # (A model the export has and this code no longer knows is not compared.)
            wrong = {label: (counts[label], count) for label, count in expected.items()
                     if label in counts and counts[label] != count}
            if wrong:
                raise CommandError(f"Record counts differ from the export (now, exported): "
                                   f"{wrong}; nothing was imported.")
        if replaced and options["verbosity"] > 1:
            self.stdout.write("Replaced the rows the migrations made in: " + ", ".join(replaced))
        self.stdout.write(self.style.SUCCESS(
            f"Imported {sum(counts.values())} records from {directory}."))
