"""Pages through gunicorn as one user waits for them (`bench --web`).

- `gunicorn_<page>_ms`: the median (and p95) of `runs` sequential requests on one keep-alive
  connection, after warm-up, with gunicorn.conf.py's workers, DEBUG off.
- `summary_cold_ms`: the first summary page of a fresh gunicorn process. gunicorn starts with
  one worker, so the sign-in (a GET and a POST of the login form) is served by the very worker
  that then serves the timed request, and nothing has asked it for the summary before.
  `summary_cold_uncached_ms` is the same after `core.freshness.bump()` (when it exists), so that
  no cached summary can answer. Cold means the Python process: PostgreSQL's own cache stays as
  the warm runs left it.
"""

import http.client
import statistics
import time
from collections.abc import Callable

from django.test.utils import override_settings

from .load import bench_password, collect_static, server_env, serving, sign_in
from .measure import WARMUP, invalidation, pages, percentile

# The pages timed through gunicorn, by the names of measure.pages().
WEB_PAGES = ("reports_index", "summary_page", "summary_docx", "summary_xlsx", "case_list",
             "worker_list", "union_list", "bare_page")
TIMEOUT = 120


class Fetcher:
    """GET requests with a session cookie on one keep-alive connection to 127.0.0.1."""

    def __init__(self, port: int, cookie: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.headers = {"Cookie": cookie, "Host": "127.0.0.1"}

    def get(self, path: str) -> bytes:
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}")
        return body

    def close(self) -> None:
        self.connection.close()


def sequential(call: Callable[[], object], runs: int, warmup: int = WARMUP,
               clock: Callable[[], float] = time.perf_counter) -> tuple[float, float]:
    """Median and p95 in ms of `runs` calls one after the other, after `warmup` calls."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(runs):
        started = clock()
        call()
        times.append((clock() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def cold_first_request(path: str, username: str, password: str, *,
                       before: Callable[[], object] | None = None) -> float:
    """ms of the first GET of `path` by a fresh one-worker gunicorn, after signing in there."""
    if before:
        before()
    with serving(workers=1, collect=False) as port:
        cookie = sign_in(port, username, password)
        fetcher = Fetcher(port, cookie)
        try:
            started = time.perf_counter()
            fetcher.get(path)
            return (time.perf_counter() - started) * 1000
        finally:
            fetcher.close()


def measure(*, runs: int, log=print) -> dict:
    """Every figure through gunicorn; keys are the printed names."""
    passwords = {username: bench_password(username) for username in ("bench-leader",
                                                                      "bench-staff")}
    collect_static(server_env(0))
    with override_settings(ROOT_URLCONF="benchmarks.urls"):  # the bare page, as gunicorn has
        measured = pages()
    out: dict = {}
    with serving(collect=False) as port:
        fetchers = {username: Fetcher(port, sign_in(port, username, password))
                    for username, password in passwords.items()}
        try:
            for name in WEB_PAGES:
                username, path = measured[name]
                median, p95 = sequential(lambda f=fetchers[username], p=path: f.get(p), runs)
                out[f"gunicorn_{name}_ms"] = round(median, 1)
                out[f"gunicorn_{name}_p95_ms"] = round(p95, 1)
                log(f"  gunicorn {name}: median {median:.1f} ms, p95 {p95:.1f} ms")
        finally:
            for fetcher in fetchers.values():
                fetcher.close()

    username, path = measured["summary_page"]
    out["summary_cold_ms"] = round(cold_first_request(path, username, passwords[username]), 1)
    out["summary_warm_ms"] = out["gunicorn_summary_page_ms"]
    log(f"  summary cold: {out['summary_cold_ms']:.1f} ms (warm median "
        f"{out['summary_warm_ms']:.1f} ms)")
    bump = invalidation()
    if bump is not None:
        out["summary_cold_uncached_ms"] = round(
            cold_first_request(path, username, passwords[username], before=bump), 1)
        log(f"  summary cold after an invalidation: {out['summary_cold_uncached_ms']:.1f} ms")
    return out
