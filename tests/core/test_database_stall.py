"""A stalled database (connections accepted, then never answered) costs seconds, not the
request: pages answer the friendly 503, /healthz answers 503, a kept connection fails its health
check, and the timeouts come from the environment (config/settings.py, core/postgresql)."""

import json

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections
from django.test import Client

from tests.core.test_database_outage import database_behind_proxy, fetch  # noqa: F401
from tests.test_settings import settings_value

URL = "postgres://gh:secret@db.example.org:5433/gonghui"
DB = "s.DATABASES['default']"

needs_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                      reason="needs a PostgreSQL server")


# --- the settings --------------------------------------------------------------------------

def test_postgresql_gets_a_connect_timeout_and_keepalives_by_default():
    options = settings_value(f"sorted({DB}['OPTIONS'].items())", DEBUG="1", DATABASE_URL=URL)
    assert options == str(sorted({"connect_timeout": 3, "keepalives": 1, "keepalives_idle": 30,
                                  "keepalives_interval": 10, "keepalives_count": 3,
                                  "options": "-c jit=off"}.items()))
    assert settings_value(f"({DB}['HEALTH_CHECK_TIMEOUT'], {DB}['ROUND_TRIP_TIMEOUT'])",
                          DEBUG="1", DATABASE_URL=URL) == "(3, None)"


def test_the_timeouts_come_from_the_environment():
    env = {"DEBUG": "1", "DATABASE_URL": URL, "DB_CONNECT_TIMEOUT": "3",
           "DB_STATEMENT_TIMEOUT": "20", "DB_KEEPALIVES_IDLE": "15"}
    assert settings_value(
        f"[{DB}['OPTIONS'][k] for k in ('connect_timeout', 'options', 'keepalives_idle')]",
        **env) == "[3, '-c jit=off -c statement_timeout=20000', 15]"
    assert settings_value(f"({DB}['HEALTH_CHECK_TIMEOUT'], {DB}['ROUND_TRIP_TIMEOUT'])",
                          **env) == "(3, 23)"


def test_options_in_the_database_url_win():
    url = f"{URL}?connect_timeout=9&sslmode=require"
    assert settings_value(f"({DB}['OPTIONS']['connect_timeout'], {DB}['OPTIONS']['sslmode'])",
                          DEBUG="1", DATABASE_URL=url) == "(9, 'require')"


def test_sqlite_gets_none_of_the_postgresql_timeouts():
    # SQLite keeps Django's own backend; its OPTIONS are only the file sharing of `make run`
    # (the web server and the import worker: WAL, immediate transactions).
    assert settings_value(f"{DB}['ENGINE']", DEBUG="1") == "django.db.backends.sqlite3"
    options = settings_value(f"sorted({DB}.get('OPTIONS', {{}}))", DEBUG="1")
    assert options == "['init_command', 'timeout', 'transaction_mode']"


# --- a real server behind a proxy that hangs -----------------------------------------------

@pytest.fixture
def quick_timeouts():
    """2-second timeouts instead of the deployment's 3, for a quicker suite."""
    settings_dict = connection.settings_dict  # shared by every thread's connection
    saved = {key: settings_dict.get(key) for key in ("OPTIONS", "HEALTH_CHECK_TIMEOUT",
                                                     "ROUND_TRIP_TIMEOUT")}
    settings_dict["OPTIONS"] = {**saved["OPTIONS"], "connect_timeout": 2}
    settings_dict["HEALTH_CHECK_TIMEOUT"] = 2
    yield settings_dict
    settings_dict.update(saved)


@pytest.fixture
def kept_connection(quick_timeouts, database_behind_proxy):  # noqa: F811
    """A connection of its own, through the proxy, as gunicorn keeps one between requests."""
    kept = connections.create_connection("default")
    kept.ensure_connection()
    yield kept
    kept.close()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("quick_timeouts")
def test_pages_and_healthz_answer_503_while_the_database_hangs(
        database_behind_proxy, live_server, staff):  # noqa: F811
    client = Client()
    client.force_login(staff)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    home, health = f"{live_server.url}/", f"{live_server.url}/healthz"
    assert fetch(home, session)[0] == 200

    database_behind_proxy.hang()
    status, body, headers = fetch(home, session)
    assert status == 503
    assert "数据库暂时无法连接" in body
    assert headers["Retry-After"] == "30"
    status, body, _headers = fetch(health, session)
    assert status == 503  # an answer, not a dropped connection
    assert json.loads(body) == {"status": "error", "database": "error"}

    database_behind_proxy.stop()  # the stall ends: the same address answers again
    database_behind_proxy.start()
    assert fetch(health, session)[0] == 200
    assert fetch(home, session)[0] == 200


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_to_a_hung_database_fails_its_health_check(
        kept_connection, database_behind_proxy):  # noqa: F811
    assert kept_connection.is_usable()
    database_behind_proxy.hang()
    assert kept_connection.is_usable() is False  # after HEALTH_CHECK_TIMEOUT, not forever
    # The next request: the health check fails, the connection is dropped, a new one is
    # refused after connect_timeout: OperationalError, the friendly 503.
    kept_connection.health_check_done = False
    with pytest.raises(OperationalError):
        kept_connection.cursor()
    assert kept_connection.connection is None


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_with_a_statement_timeout_a_query_on_a_hung_database_ends(
        quick_timeouts, kept_connection, database_behind_proxy):  # noqa: F811
    kept_connection.connection.deadline = quick_timeouts["ROUND_TRIP_TIMEOUT"] = 2
    database_behind_proxy.hang()
    with pytest.raises(OperationalError, match="did not answer"), \
            kept_connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_server_cancels_a_statement_after_the_statement_timeout(quick_timeouts):
    quick_timeouts["OPTIONS"] = {**quick_timeouts["OPTIONS"],
                                 "options": "-c statement_timeout=200"}
    own = connections.create_connection("default")
    try:
        with own.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("200ms",)
            with pytest.raises(OperationalError, match="statement timeout"):
                cursor.execute("SELECT pg_sleep(5)")
    finally:
        own.close()
