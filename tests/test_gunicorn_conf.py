"""gunicorn.conf.py, loaded as gunicorn loads it: X-Forwarded-Proto is believed only when
TRUST_X_FORWARDED_PROTO says so (and then only from the proxy's address), and the web server
runs with a statement timeout."""

import os
import runpy
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.http.parser import RequestParser

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
REQUEST = b"GET / HTTP/1.1\r\nHost: gonghui.example.org\r\nX-Forwarded-Proto: https\r\n\r\n"


@pytest.fixture
def environment(monkeypatch):
    """A clean environment for the variables gunicorn.conf.py reads (restored afterwards)."""
    for name in ("TRUST_X_FORWARDED_PROTO", "FORWARDED_ALLOW_IPS", "DB_STATEMENT_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def load(**env: str) -> Config:
    """The configuration gunicorn builds from gunicorn.conf.py in this environment."""
    config = Config()
    for name, value in runpy.run_path(str(CONF)).items():
        if name in config.settings:
            config.set(name, value)
    return config


def scheme_seen(config: Config, peer: str) -> str:
    """wsgi.url_scheme of a plain-HTTP request claiming https, coming from `peer`."""
    return next(iter(RequestParser(config, iter([REQUEST]), (peer, 50000)))).scheme


def test_without_the_variable_nobody_can_claim_https(environment):
    config = load()
    assert scheme_seen(config, "127.0.0.1") == "http"
    assert scheme_seen(config, "203.0.113.7") == "http"
    assert config.secure_scheme_headers == {}


def test_false_values_count_as_off(environment):
    environment.setenv("TRUST_X_FORWARDED_PROTO", "0")
    assert scheme_seen(load(), "127.0.0.1") == "http"


def test_with_the_variable_the_local_proxy_may_say_https(environment):
    environment.setenv("TRUST_X_FORWARDED_PROTO", "1")
    config = load()
    assert scheme_seen(config, "127.0.0.1") == "https"
    assert scheme_seen(config, "203.0.113.7") == "http"  # not the proxy
    assert config.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}


def test_the_proxy_addresses_come_from_forwarded_allow_ips(environment):
    environment.setenv("TRUST_X_FORWARDED_PROTO", "yes")
    environment.setenv("FORWARDED_ALLOW_IPS", "10.0.0.2")
    config = load()
    assert scheme_seen(config, "10.0.0.2") == "https"
    assert scheme_seen(config, "127.0.0.1") == "http"


def test_the_web_server_gets_a_statement_timeout_unless_one_is_set(environment):
    load()
    assert os.environ["DB_STATEMENT_TIMEOUT"] == "30"
    environment.setenv("DB_STATEMENT_TIMEOUT", "10")
    load()
    assert os.environ["DB_STATEMENT_TIMEOUT"] == "10"


def test_the_statement_timeout_ends_before_the_worker_timeout(environment):
    config = load()
    assert 0 < int(os.environ["DB_STATEMENT_TIMEOUT"]) < config.timeout
