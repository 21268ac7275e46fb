"""The summary and the list pages make as many queries on a small as on a larger database."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from benchmarks.measure import PERIOD
from reports import services

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="gen_data --replace empties tables with TRUNCATE")

START, END = PERIOD.start.isoformat(), PERIOD.end.isoformat()
PAGES = (
    ("bench-leader", reverse("reports:summary", args=[PERIOD.year, PERIOD.half])),
    ("bench-staff", f"{reverse('aid:case-list')}?start={START}&end={END}"),
    ("bench-staff", reverse("aid:case-list")),
    ("bench-staff", reverse("unions:union-list")),
    ("bench-staff", f"{reverse('aid:worker-list')}?q=王"),
    ("bench-staff", f"{reverse('aid:worker-search')}?q=王"),
)


def query_counts() -> list[int]:
    counts = []
    services.assemble(PERIOD)  # the first call creates the federation row
    with CaptureQueriesContext(connection) as queries:
        services.assemble(PERIOD)
    counts.append(len(queries))
    for username, url in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data():
    call_command("gen_data", scale=0.05, seed=1, replace=True, verbosity=0)
    small = query_counts()
    assert all(count > 0 for count in small)
    call_command("gen_data", scale=0.3, seed=1, replace=True, verbosity=0)
    assert query_counts() == small
