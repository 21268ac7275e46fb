import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from benchmarks import synthetic
from benchmarks.writer import Progress
from core import freshness

DOMAIN_APPS = ("unions", "aid", "pairings", "economy", "activities")


def domain_tables() -> list[str]:
    """The tables of the domain apps (history tables included), for --replace; the aid caps are
    settings, not records, and stay."""
    return [model._meta.db_table for label in DOMAIN_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
            if not model.__name__.endswith("AidKindCap")]


class Command(BaseCommand):
    help = ("Generate deterministic synthetic records for the benchmark: scale 1 is one county, "
            "scale 100 a province, both with ten years of history (2016-2025).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--replace", action="store_true",
                            help="Empty the domain tables first (PostgreSQL only).")

    def handle(self, *args, scale, seed, replace, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        from unions.models import Union

        if replace:
            if connection.vendor != "postgresql":
                raise CommandError("--replace needs PostgreSQL; use an empty database instead.")
            with transaction.atomic(), connection.cursor() as cursor:
                tables = ", ".join(connection.ops.quote_name(t) for t in domain_tables())
                # Inside a longer transaction (the tests) deferred foreign-key checks must run
                # before TRUNCATE may empty the tables.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        elif Union.objects.exists():
            raise CommandError("The database already has unions; gen_data writes into empty "
                               "domain tables. Use --replace to empty them first.")
        started = time.perf_counter()
        counts = synthetic.generate(scale=scale, seed=seed,
                                    progress=Progress(self.stderr, enabled=options["verbosity"]))
        # COPY writes bypass the connection's write detector: every cached figure is stale.
        freshness.bump()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # COPY leaves the visibility map unset: without VACUUM no index-only scans.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(f"generated in {time.perf_counter() - started:.1f} s")
