"""A list's totals are cached per filtered query and data version (core.lists.cached_totals):
a second look costs no totals query, a saved record moves them at once."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from aid.models import AidCase
from core.models import DataVersion
from tests.support.factories import make_case, make_user

URL = "/aid/cases/?start=2012-01-01&end=2012-06-30"


@pytest.fixture
def staff_client(transactional_db, client):
    DataVersion.objects.get_or_create(pk=1)  # a transactional test's flush removes the row
    staff = make_user(Role.STAFF, "totals-staff")
    client.force_login(staff)
    return client, staff


def total_money(response) -> Decimal:
    return response.context["totals"]["money"]


def test_totals_are_served_cached_until_a_record_changes(staff_client):
    client, staff = staff_client
    make_case(entered_by=staff, amount=Decimal(300), granted_on=date(2012, 3, 1))
    first = client.get(URL)
    with CaptureQueriesContext(connection) as again:
        second = client.get(URL)
    assert total_money(first) == total_money(second) == 300
    with CaptureQueriesContext(connection) as third_queries:
        client.get(URL + "&q=")  # another query string, same SQL: served from the cache too
    assert not any("SUM" in q["sql"].upper() for q in again.captured_queries)
    assert not any("SUM" in q["sql"].upper() for q in third_queries.captured_queries)

    make_case(entered_by=staff, amount=Decimal(200), granted_on=date(2012, 4, 1))
    assert total_money(client.get(URL)) == 500
    AidCase.objects.filter(amount=200).update(amount=Decimal(250))
    assert total_money(client.get(URL)) == 550
