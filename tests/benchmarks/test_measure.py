"""The benchmark's helpers: percentiles, timing with a setup outside the timing, the search terms
it types and the pages it opens. Timings are checked with a fake clock, never the wall clock."""

import io
import sys
import types
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from benchmarks import measure, web, webimport
from tests.support.factories import make_user, make_worker, valid_id


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_percentile_picks_the_nearest_rank():
    values = [float(n) for n in range(20, 0, -1)]  # unsorted on purpose
    assert measure.percentile(values, 0.0) == 1.0
    assert measure.percentile(values, 0.5) == 11.0
    assert measure.percentile(values, 0.95) == 19.0
    assert measure.percentile(values, 1.0) == 20.0
    assert measure.percentile([7.0], 0.95) == 7.0


@pytest.mark.django_db
def test_timed_runs_the_setup_before_every_call_outside_the_timing():
    clock, events = FakeClock(), []

    def setup():
        events.append("setup")
        clock.advance(1.0)  # a slow invalidation: must not count

    def call():
        events.append("call")
        clock.advance(0.005)

    timing = measure.timed(call, runs=5, warmup=2, setup=setup, clock=clock)
    assert events == ["setup", "call"] * (2 + 1 + 5)  # warm-up, the counted call, the runs
    assert timing.median_ms == pytest.approx(5.0)
    assert timing.p95_ms == pytest.approx(5.0)
    assert timing.queries == 0


@pytest.mark.django_db
def test_timed_without_a_setup_times_the_call_alone():
    clock, calls = FakeClock(), []

    def call():
        calls.append(1)
        clock.advance(0.002 * len(calls))

    timing = measure.timed(call, runs=3, warmup=1, clock=clock)
    assert len(calls) == 1 + 1 + 3
    assert timing.median_ms == pytest.approx(8.0)  # the runs took 6, 8 and 10 ms


def test_sequential_reports_the_median_and_p95_after_the_warm_up():
    clock, calls = FakeClock(), []

    def call():
        calls.append(1)
        clock.advance(0.001 * len(calls))

    median, p95 = web.sequential(call, runs=20, warmup=2, clock=clock)
    assert len(calls) == 22
    assert median == pytest.approx(12.5)  # the runs took 3 ... 22 ms
    assert p95 == pytest.approx(21.0)


def test_the_invalidation_is_core_freshness_bump_when_it_exists(monkeypatch):
    bumped = []
    module = types.ModuleType("core.freshness")
    module.bump = lambda: bumped.append(1)
    monkeypatch.setitem(sys.modules, "core.freshness", module)
    measure.invalidation()()
    assert bumped == [1]


def test_without_core_freshness_the_uncached_summary_is_skipped(monkeypatch):
    monkeypatch.setitem(sys.modules, "core.freshness", None)  # importing it fails
    assert measure.invalidation() is None
    monkeypatch.setitem(sys.modules, "core.freshness", types.ModuleType("core.freshness"))
    assert measure.invalidation() is None  # a module without bump()


@pytest.mark.django_db
def test_the_search_terms_are_what_a_user_types():
    make_worker(name="李娜", id_number=valid_id("23079919870408402"))  # ends in X
    make_worker(name="崔红梅", id_number=valid_id("23079919870408480"))
    assert measure.one_character_fragment() == "李"
    assert measure.name_fragment() == "崔红"  # two characters of a longer name
    assert measure.pinyin_fragment() == "li"
    assert measure.id_fragment() == "4804"  # the first number ending in four digits


@pytest.mark.django_db
def test_each_search_term_finds_its_worker():
    worker = make_worker(name="崔红梅", id_number=valid_id("23079919870408480"))
    staff = make_user(Role.STAFF)
    client = Client()
    client.force_login(staff)
    for term in (measure.one_character_fragment(), measure.name_fragment(),
                 measure.pinyin_fragment(), measure.id_fragment()):
        found = client.get(reverse("aid:worker-search"), {"q": term}).json()["results"]
        assert [result["id"] for result in found] == [worker.pk], term


@pytest.mark.django_db
def test_the_case_and_worker_lists_are_measured_as_a_user_lands_on_them(settings):
    settings.ROOT_URLCONF = "benchmarks.urls"
    make_worker(name="崔红梅")
    pages = measure.pages()
    for name in ("reports_index", "summary_page", "summary_docx", "summary_xlsx", "case_list",
                 "case_list_period", "worker_list", "worker_list_search", "worker_search_1",
                 "worker_search", "worker_search_pinyin", "worker_search_id", "union_list",
                 "bare_page"):
        assert name in pages
    assert pages["case_list"] == ("bench-staff", reverse("aid:case-list"))
    assert pages["worker_list"] == ("bench-staff", reverse("aid:worker-list"))
    assert pages["reports_index"] == ("bench-leader", reverse("reports:period-list"))
    period = parse_qs(urlsplit(pages["case_list_period"][1]).query)
    assert period == {"start": ["2025-01-01"], "end": ["2025-06-30"]}
    assert parse_qs(urlsplit(pages["worker_search"][1]).query) == {"q": ["崔红"]}


def test_the_upload_is_a_multipart_form_django_reads():
    body, content_type = webimport.multipart({"csrfmiddlewaretoken": "abc"}, "file",
                                             "人数.xlsx", b"PK\x03\x04\r\n--x", webimport.XLSX)
    meta = {"CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body))}

    post, files = MultiPartParser(meta, io.BytesIO(body), [MemoryFileUploadHandler()]).parse()
    assert post["csrfmiddlewaretoken"] == "abc"
    assert files["file"].name == "人数.xlsx"
    assert files["file"].read() == b"PK\x03\x04\r\n--x"
