"""The summary's figures are cached per period and data version (core.freshness), yet a saved
record moves them at once: the next summary, on any connection, is computed from it."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from aid.models import AidCase
from core.models import DataVersion
from core.periods import Period
from reports import services
from tests.support.factories import (
    make_case,
    make_headcount_return,
    make_union,
    make_user,
    make_worker,
)
from unions.models import HeadcountReturn

H1_2012 = Period(2012, "h1")


@pytest.fixture
def county(transactional_db):
    DataVersion.objects.get_or_create(pk=1)  # a transactional test's flush removes the row
    union = make_union(established_on=date(2005, 1, 1))
    make_headcount_return(union, as_of=date(2012, 6, 30), members=40)
    staff, leader = make_user(Role.STAFF, "live-staff"), make_user(Role.LEADER, "live-leader")
    make_case(entered_by=staff, worker=make_worker(union=union), status=AidCase.Status.APPROVED,
              approved_by=leader, amount=Decimal(1500), granted_on=date(2012, 3, 1))
    return union, staff, leader


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_a_saved_record_moves_the_cached_summary_at_once(county):
    union, staff, leader = county
    first = services.assemble(H1_2012)
    assert (first.figures.unions.members, first.figures.aid.relief_money) == (40, 1500)

    assert services.assemble(H1_2012).figures == first.figures  # served from the cache

    HeadcountReturn.objects.filter(union=union).update(members=55)  # a corrected return
    assert services.assemble(H1_2012).figures.unions.members == 55

    make_case(entered_by=staff, worker=make_worker(union=union), status=AidCase.Status.APPROVED,
              approved_by=leader, amount=Decimal(700), granted_on=date(2012, 4, 2))
    moved = services.assemble(H1_2012).figures
    assert (moved.aid.relief_money, moved.aid.relief_workers) == (2200, 2)

    AidCase.objects.filter(amount=700).delete()
    assert services.assemble(H1_2012).figures.aid.relief_money == 1500


def test_a_cached_summary_costs_only_the_live_parts(county):
    computed = queries_of(lambda: services.assemble(H1_2012))
    served = queries_of(lambda: services.assemble(H1_2012))
    assert served < computed - 10  # the figures' queries are not made again
    # ...and a year earlier is cached as its own period
    assert queries_of(lambda: services.assemble(H1_2012.year_earlier())) > served
