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
from importlib import import_module

from django.conf import settings
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils.http import urlencode
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


def timed(call: Callable[[], object], runs: int, warmup: int = WARMUP,
          setup: Callable[[], object] | None = None,
          clock: Callable[[], float] = time.perf_counter) -> Timing:
    """`call` timed `runs` times after `warmup` untimed calls; `setup` (if given) runs before
    every call, warm-up and counted one included, outside the timing."""
    prepare = setup or (lambda: None)
    for _ in range(warmup):
        prepare()
        call()
    prepare()
    reset_queries()  # a request resets the log; start from an empty one so the count is right
    with CaptureQueriesContext(connection) as queries:
        call()
    count = len(queries)  # now: the next request empties the connection's log
    times = []
    for _ in range(runs):
        prepare()
        started = clock()
        call()
        times.append((clock() - started) * 1000)
    return Timing(statistics.median(times), percentile(times, 0.95), count)


def invalidation() -> Callable[[], object] | None:
    """`core.freshness.bump`, which drops the cached summaries, or None where it does not
    exist (yet)."""
    try:
        return getattr(import_module("core.freshness"), "bump", None)
    except ImportError:
        return None


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


def _first_name(longer_than: int) -> str:
    names = HardshipWorker.objects.order_by("pk").values_list("name", flat=True)
    return next((name for name in names[:1000] if len(name) > longer_than), "王小明")


def name_fragment() -> str:
    """The first two characters of a name of three or more: a type-ahead search as typed."""
    return _first_name(2)[:2]


def one_character_fragment() -> str:
    """A surname alone: the first keystroke of a type-ahead search."""
    return _first_name(1)[:1]


def pinyin_fragment() -> str:
    """The first two letters of a name's pinyin ("cu" for 崔红)."""
    key = (HardshipWorker.objects.exclude(name_pinyin="").order_by("pk")
           .values_list("name_pinyin", flat=True).first() or "wang")
    return key[:2]


def id_fragment() -> str:
    """The last four digits of a worker's ID number (one that ends in four digits)."""
    numbers = HardshipWorker.objects.order_by("pk").values_list("id_number", flat=True)
    return next((number[-4:] for number in numbers[:1000] if number[-4:].isdigit()), "0000")


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


def pages() -> dict[str, tuple[str, str]]:
    """The pages measured, by figure name: (the user who opens it, its URL). A user lands on
    the case list and the worker list unfiltered; the filtered variants keep their own names."""
    start, end = PERIOD.start.isoformat(), PERIOD.end.isoformat()
    summary = [PERIOD.year, PERIOD.half]
    search, workers = reverse("aid:worker-search"), reverse("aid:worker-list")

    def query(url: str, term: str) -> str:
        return f"{url}?{urlencode({'q': term})}"

    return {
        "reports_index": ("bench-leader", reverse("reports:period-list")),
        "summary_page": ("bench-leader", reverse("reports:summary", args=summary)),
        "summary_docx": ("bench-leader", reverse("reports:summary-docx", args=summary)),
        "summary_xlsx": ("bench-leader", reverse("reports:summary-xlsx", args=summary)),
        "case_list": ("bench-staff", reverse("aid:case-list")),
        "case_list_period": ("bench-staff",
                             f"{reverse('aid:case-list')}?start={start}&end={end}"),
        "union_list": ("bench-staff", reverse("unions:union-list")),
        "worker_search_1": ("bench-staff", query(search, one_character_fragment())),
        "worker_search": ("bench-staff", query(search, name_fragment())),
        "worker_search_pinyin": ("bench-staff", query(search, pinyin_fragment())),
        "worker_search_id": ("bench-staff", query(search, id_fragment())),
        "worker_list": ("bench-staff", workers),
        "worker_list_search": ("bench-staff", query(workers, name_fragment())),
        "bare_page": ("bench-staff", reverse("bench-bare")),
    }


# Pages whose figures or totals are cached per data version (core.freshness): also measured
# with the cache made stale before every run.
CACHED_PAGES = ("summary_page", "summary_docx", "summary_xlsx", "case_list", "case_list_period",
                "union_list", "worker_list")


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
        # What the summary computes when its cache is stale: both periods and the trend.
        record("figures", timed(lambda: report_figures.summary_data(PERIOD), runs))
        record("raw_sql", timed(lambda: raw_sql.figures(PERIOD), runs))
        problems = raw_sql.check(raw_sql.figures(PERIOD), *report_figures.summary_data(PERIOD))
        for problem in problems:
            log(f"  floor differs: {problem}")
        out["raw_sql_matches"] = int(not problems)
        bump = invalidation()
        if bump is None:
            log("  summary_uncached: skipped (no core.freshness.bump)")
            out["summary_vs_raw_sql"] = round(out["summary_ms"] / out["raw_sql_ms"], 2)
        else:  # every run after an invalidation, as after any save or import
            record("summary_uncached", timed(lambda: services.assemble(PERIOD), runs,
                                             setup=bump))
            # The honest ratio: the summary computed (not served from the cache) vs the floor.
            out["summary_vs_raw_sql"] = round(out["summary_uncached_ms"] / out["raw_sql_ms"], 2)

        log("pages")
        leader, staff = signed_in("bench-leader"), signed_in("bench-staff")
        users = {"bench-leader": leader, "bench-staff": staff}
        for name, (username, url) in pages().items():
            record(name, timed(page(users[username], url), runs))
            if bump is not None and name in CACHED_PAGES:  # the first view after any write
                record(f"{name}_uncached", timed(page(users[username], url), runs, setup=bump))
        out["case_list_vs_bare_ms"] = round(out["case_list_ms"] / out["bare_page_ms"], 2)

        log("import")
        content = headcount_file()
        by = User.objects.get(username="bench-staff")
        import_once(content, by)  # warm-up
        times = []
        for _ in range(import_runs):
            started = time.perf_counter()
            import_once(content, by)
            times.append(time.perf_counter() - started)
        out["import_10k_s"] = round(statistics.median(times), 2)
        log(f"  import_10k: median {out['import_10k_s']:.2f} s over {import_runs} runs")
    return out
