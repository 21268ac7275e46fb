import json
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks import synthetic

# The names first, in its order; the other figures follow.
HEADLINE = ("summary_ms", "raw_sql_ms", "summary_vs_raw_sql", "summary_queries",
            "summary_page_ms", "case_list_ms", "case_list_queries", "union_list_ms",
            "worker_search_ms", "import_10k_s")


class Command(BaseCommand):
    help = ("Benchmark the summary, the daily pages and the import on synthetic data of "
            "--scale (generated into DATABASE_URL's empty database when missing); "
            "--load runs the gunicorn load test instead.")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--json", dest="json_file", default="")
        parser.add_argument("--regenerate", action="store_true",
                            help="Replace the domain records by synthetic ones of --scale.")
        parser.add_argument("--load", action="store_true", help="Run the HTTP load test.")
        parser.add_argument("--duration", type=float, default=20.0,
                            help="Seconds per page in the load test.")
        parser.add_argument("--connections", type=int, default=16)

    def handle(self, *args, scale, seed, runs, json_file, regenerate, load, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark measures PostgreSQL: set DATABASE_URL.")
        if runs < 20:
            raise CommandError("--runs must be at least 20.")
        self.prepare(scale, seed, regenerate)
        if load:
            from benchmarks import load as load_test

            results = load_test.run(duration=options["duration"],
                                    connections=options["connections"], log=self.log)
        else:
            from benchmarks import measure

            results = measure.measure(runs=runs, log=self.log)
        results = {"scale": scale, **results}
        names = [n for n in HEADLINE if n in results]
        names += [n for n in results if n not in names]
        for name in names:
            self.stdout.write(f"{name}: {results[name]}")
        if json_file:
            with open(json_file, "w") as out:
                json.dump(results, out, indent=2)

    def log(self, text: str) -> None:
        self.stderr.write(text)

    def prepare(self, scale: float, seed: int, regenerate: bool) -> None:
        """Make sure the database holds the synthetic records of `scale` (and nothing else)."""
        from accounts.models import User
        from unions.models import Union

        expected = synthetic.Context(scale=scale, seed=seed, writer=None).count(120, 5)
        unions = Union.objects.count()
        bench_data = User.objects.filter(username="bench-leader").exists()
        if unions == expected and bench_data and not regenerate:
            return
        if unions and not regenerate:
            raise CommandError(
                f"The database holds {unions} unions, not the {expected} of scale {scale}: use "
                "--regenerate to replace them by synthetic data (never on a real database).")
        started = time.perf_counter()
        call_command("gen_data", scale=scale, seed=seed, replace=bool(unions),
                     stdout=sys.stderr, verbosity=1)
        self.log(f"generated scale {scale} in {time.perf_counter() - started:.1f} s")
