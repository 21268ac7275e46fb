"""The load test: gunicorn with gunicorn.conf.py on a free loopback port, signed in as the
bench leader, driven by benchmarks.loadclient in a second process; stops by itself."""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from core import freshness

from .measure import PERIOD

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(port: int) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "SECURE_HSTS_SECONDS": "0",
            "GUNICORN_BIND": f"127.0.0.1:{port}"}


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 120) -> None:
    """Until /healthz answers: booting the workers takes long on a busy machine."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before serving")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s")


def sign_in(port: int, username: str, password: str) -> str:
    """Sign in through the login form; returns the Cookie header of the session."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", reverse("login"), headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read().decode()
    cookies = SimpleCookie(response.getheader("Set-Cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode({"username": username, "password": password,
                      "csrfmiddlewaretoken": token})
    connection.request("POST", reverse("login"), body=form, headers={
        "Host": "127.0.0.1", "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookies['csrftoken'].value}"})
    response = connection.getresponse()
    response.read()
    cookies.load(response.getheader("Set-Cookie", ""))
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"sign-in failed ({response.status})")
    return "; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items())


def bench_password(username: str) -> str:
    """A fresh random password for a bench user, to sign in through the login form."""
    password = secrets.token_urlsafe(16)
    user = User.objects.get(username=username)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def collect_static(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
                   cwd=ROOT, env=env, check=True)


@contextmanager
def serving(*, workers: int | None = None, collect: bool = True,
            with_db_worker: bool = False) -> Iterator[int]:
    """gunicorn with gunicorn.conf.py (`workers` overrides its count) on a free loopback port,
    and a `manage.py db_worker` beside it if asked; yields the port, stops them at the end."""
    env = server_env(free_port())
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
    if collect:
        collect_static(env)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes = [subprocess.Popen(  # noqa: S603 (a fixed command of ours)
        [gunicorn, "-c", "gunicorn.conf.py", "config.wsgi"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        if with_db_worker:  # as in the Makefile's `make run` and the deployment's unit
            processes.append(subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_until_up(port, processes[0])
        yield port
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run(*, duration: float, connections: int, log=print) -> dict:
    """Load the summary page, the aid-case list and the bare page; returns the figures."""
    password = bench_password("bench-leader")
    freshness.bump()  # as after any save: the summary's first requests find its figures stale
    with serving() as port:
        cookie = sign_in(port, "bench-leader", password)
        pages = {
            "summary_page": reverse("reports:summary", args=[PERIOD.year, PERIOD.half]),
            "case_list": reverse("aid:case-list"),  # as a user lands on it
            "bare": "/bench/bare/",
        }
        out: dict = {"load_connections": connections, "load_seconds_per_page": duration}
        errors = 0
        for name, path in pages.items():
            log(f"  {name}: {connections} connections for {duration:.0f} s")
            client = subprocess.run(  # noqa: S603 (a fixed command of ours)
                [sys.executable, "-m", "benchmarks.loadclient", "--port", str(port),
                 "--path", path, "--cookie", cookie, "--duration", str(duration),
                 "--connections", str(connections)],
                cwd=ROOT, capture_output=True, text=True, check=True, timeout=duration + 120)
            figures = json.loads(client.stdout)
            for key in ("rps", "p50_ms", "p99_ms", "non_2xx", "requests"):
                out[f"{name}_{key}"] = figures[key]
            errors += figures["non_2xx"] + figures["errors"]
        out["case_list_vs_bare"] = round(out["case_list_rps"] / out["bare_rps"], 3)
        out["summary_page_vs_bare"] = round(out["summary_page_rps"] / out["bare_rps"], 3)
        out["errors"] = errors
        return out
