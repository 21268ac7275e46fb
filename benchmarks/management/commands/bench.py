import json
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks import synthetic

# The names first, in its order; the other figures follow.
HEADLINE = ("summary_ms", "raw_sql_ms", "summary_vs_raw_sql", "summary_queries",
            "summary_uncached_ms", "summary_page_ms", "summary_docx_ms", "summary_xlsx_ms",
            "reports_index_ms", "case_list_ms", "case_list_queries", "union_list_ms",
            "worker_list_ms", "worker_search_1_ms", "worker_search_ms",
            "worker_search_pinyin_ms", "worker_search_id_ms", "import_10k_s",
            # --web
            "gunicorn_summary_page_ms", "gunicorn_summary_docx_ms", "gunicorn_summary_xlsx_ms",
            "gunicorn_reports_index_ms", "gunicorn_case_list_ms", "gunicorn_worker_list_ms",
            "summary_cold_ms", "summary_warm_ms", "import_web_10k_s", "import_web_100k_s",
            # --load
            "summary_page_p99_ms", "case_list_p99_ms", "case_list_vs_bare", "errors")


class Command(BaseCommand):
    help = ("Benchmark the summary, the daily pages and the import on synthetic data of "
            "--scale (generated into DATABASE_URL's empty database when missing), in-process. "
            "--load runs the gunicorn load test instead. --web instead times what one user "
            "waits for through gunicorn: each page's median and p95 of --runs sequential "
            "requests (gunicorn_<page>_ms), the first summary page of a fresh process "
            "(summary_cold_ms) and the headcount import of 10,000 and 100,000 rows through the "
            "upload, preview and confirm pages with a db_worker (import_web_10k_s, "
            "import_web_100k_s; the imported returns are deleted afterwards).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--json", dest="json_file", default="")
        parser.add_argument("--regenerate", action="store_true",
                            help="Replace the domain records by synthetic ones of --scale.")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--load", action="store_true", help="Run the HTTP load test.")
        mode.add_argument("--web", action="store_true",
                          help="Time pages, a cold process and the import through gunicorn.")
        parser.add_argument("--import-rows", type=int, nargs="*", default=[10_000, 100_000],
                            help="--web: the sizes of the web imports (none: skip them).")
        parser.add_argument("--duration", type=float, default=20.0,
                            help="Seconds per page in the load test.")
        parser.add_argument("--connections", type=int, default=16)

    def handle(self, *args, scale, seed, runs, json_file, regenerate, load, web, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark measures PostgreSQL: set DATABASE_URL.")
        if runs < 20:
            raise CommandError("--runs must be at least 20.")
        self.prepare(scale, seed, regenerate)
        if load:
            from benchmarks import load as load_test

            results = load_test.run(duration=options["duration"],
                                    connections=options["connections"], log=self.log)
        elif web:
            from benchmarks import web as web_test
            from benchmarks import webimport

            self.log("pages through gunicorn")
            results = web_test.measure(runs=runs, log=self.log)
            if options["import_rows"]:
                self.log("the headcount import through the web")
                results |= webimport.measure(sizes=tuple(options["import_rows"]), log=self.log)
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
