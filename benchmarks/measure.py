"""In-process measurements: the summary, its raw-SQL floor, the pages, the import.

Each figure is timed after warm-up runs, `runs` times; we report the median and the 95th
percentile, and the queries of one run (django.test.utils.CaptureQueriesContext).
"""

import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import User
from aid.models import HardshipWorker
from core.periods import Period
from reports import figures as report_figures
from reports import services
from unions.imports import HeadcountImporter
from unions.models import HeadcountReturn, Union

from . import raw_sql

PERIOD = Period(2025, "h1")  # the last first half of the synthetic history
WARMUP = 3
HOST = "localhost"
# The in-process pages: production-like (no query logging, no template debugging), served by
# the plain static storage so that no `collectstatic` is needed, with the bare page added.
PAGE_SETTINGS = {
    "DEBUG": False,
    "ROOT_URLCONF": "benchmarks.urls",
    "STORAGES": {**settings.STORAGES,
                 "staticfiles": {"BACKEND":
                                 "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    "ALLOWED_HOSTS": [HOST],
    "SECURE_SSL_REDIRECT": False,
}


class Rollback(Exception):
    pass


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    queries: int


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], object], runs: int, warmup: int = WARMUP) -> Timing:
    for _ in range(warmup):
        call()
    reset_queries()  # a request resets the log; start from an empty one so the count is right
    with CaptureQueriesContext(connection) as queries:
        call()
    count = len(queries)  # now: the next request empties the connection's log
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return Timing(statistics.median(times), percentile(times, 0.95), count)


def page(client: Client, url: str) -> Callable[[], object]:
    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        b"".join(response) if response.streaming else response.content  # render it all
    return get


def signed_in(username: str) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(username=username))
    return client


def name_fragment() -> str:
    """Two characters of a common name: a realistic type-ahead search."""
    name = (HardshipWorker.objects.order_by("pk").values_list("name", flat=True).first() or "王")
    return name[:2] if len(name) > 2 else name[:1]


def headcount_file(rows: int = 10_000) -> bytes:
    """A headcount import of `rows` new returns of existing unions, as .xlsx."""
    unions = list(Union.objects.grassroots().filter(
        established_on__lte=date(2023, 12, 31)).exclude(dissolved_on__lte=date(2026, 12, 31))
        .order_by("pk").values_list("name", flat=True))
    per_union = -(-rows // len(unions))
    taken = set(HeadcountReturn.objects.filter(as_of__gte=date(2024, 1, 1))
                .values_list("as_of", flat=True).distinct())
    days, day = [], date(2024, 1, 1)
    while len(days) < per_union:
        if day not in taken:
            days.append(day)
        day += timedelta(days=1)
    importer = HeadcountImporter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([column.header for column in importer.columns])
    written = 0
    for name in unions:
        for day in days:
            if written == rows:
                break
            sheet.append([name, day, 120, 100, 5, 3])
            written += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_once(content: bytes, by: User) -> None:
    try:
        with transaction.atomic():
            result = HeadcountImporter().run(content, "bench.xlsx", by=by)
            if not result.ok:
                raise RuntimeError(f"import refused: {result.errors[:3]}")
            raise Rollback
    except Rollback:
        pass


def measure(*, runs: int, import_runs: int = 3, log=print) -> dict[str, float]:
    """Every in-process figure; keys are the printed names."""
    out: dict[str, float] = {}

    def record(name: str, timing: Timing, with_queries: bool = True) -> None:
        out[f"{name}_ms"] = round(timing.median_ms, 2)
        out[f"{name}_p95_ms"] = round(timing.p95_ms, 2)
        if with_queries:
            out[f"{name}_queries"] = timing.queries
        log(f"  {name}: median {timing.median_ms:.1f} ms, p95 {timing.p95_ms:.1f} ms, "
            f"{timing.queries} queries")

    with override_settings(**PAGE_SETTINGS):
        log("summary assembly and its floor")
        record("summary", timed(lambda: services.assemble(PERIOD), runs))
        record("figures", timed(lambda: (report_figures.for_period(PERIOD),
                                         report_figures.for_period(PERIOD.year_earlier())),
                                runs))
        record("raw_sql", timed(lambda: raw_sql.figures(PERIOD), runs))
        problems = raw_sql.check(PERIOD, raw_sql.figures(PERIOD),
                                 report_figures.for_period(PERIOD),
                                 report_figures.for_period(PERIOD.year_earlier()))
        for problem in problems:
            log(f"  floor differs: {problem}")
        out["raw_sql_matches"] = int(not problems)
        out["summary_vs_raw_sql"] = round(out["summary_ms"] / out["raw_sql_ms"], 2)

        log("pages")
        leader, staff = signed_in("bench-leader"), signed_in("bench-staff")
        start, end = PERIOD.start.isoformat(), PERIOD.end.isoformat()
        pages = {
            "summary_page": (leader, reverse("reports:summary", args=[PERIOD.year, "h1"])),
            "case_list": (staff, f"{reverse('aid:case-list')}?start={start}&end={end}"),
            "union_list": (staff, reverse("unions:union-list")),
            "worker_search": (staff, f"{reverse('aid:worker-search')}?q={name_fragment()}"),
            "worker_list": (staff, f"{reverse('aid:worker-list')}?q={name_fragment()}"),
            "bare_page": (staff, reverse("bench-bare")),
        }
        for name, (client, url) in pages.items():
            record(name, timed(page(client, url), runs))
        out["case_list_vs_bare_ms"] = round(out["case_list_ms"] / out["bare_page_ms"], 2)

        log("import")
        content = headcount_file()
        by = User.objects.get(username="bench-staff")
        started = time.perf_counter()
        import_once(content, by)  # warm-up
        times = []
        for _ in range(import_runs):
            started = time.perf_counter()
            import_once(content, by)
            times.append(time.perf_counter() - started)
        out["import_10k_s"] = round(statistics.median(times), 2)
        log(f"  import_10k: median {out['import_10k_s']:.2f} s over {import_runs} runs")
    return out
