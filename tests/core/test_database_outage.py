"""With the database cut at the network level, pages answer a friendly 503 and recover.

The live server runs Django's real request handler (a new connection per request thread, the
health check of CONN_HEALTH_CHECKS); the database sits behind a TCP proxy that the test cuts.
"""

import json
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.support.tcp_proxy import TcpProxy

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a PostgreSQL server"),
]


@pytest.fixture
def database_behind_proxy():
    settings_dict = connection.settings_dict  # shared by every thread's connection
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    proxy.start()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    proxy.stop()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = original


def fetch(url: str, session: str) -> tuple[int, str, dict]:
    request = urllib.request.Request(
        url, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_pages_answer_503_while_the_database_is_down_and_recover(database_behind_proxy,
                                                                 live_server, staff):
    client = Client()
    client.force_login(staff)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    home, health = f"{live_server.url}/", f"{live_server.url}/healthz"
    assert fetch(home, session)[0] == 200
    assert json.loads(fetch(health, session)[1]) == {"status": "ok", "database": "ok"}

    database_behind_proxy.stop()
    status, body, headers = fetch(home, session)
    assert status == 503
    assert "数据库暂时无法连接" in body
    assert "Traceback" not in body
    assert headers["Retry-After"] == "30"
    status, body, _headers = fetch(health, session)
    assert status == 503
    assert json.loads(body) == {"status": "error", "database": "error"}

    database_behind_proxy.start()  # the same address answers again; no restart of the app
    assert fetch(health, session)[0] == 200
    status, body, _headers = fetch(home, session)
    assert status == 200
    assert "张工作" in body
