"""The counts at many dates in one query equal the counts of each date on its own."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from core.db import years_with
from tests.support.factories import make_headcount_return as make_return
from tests.support.factories import make_union
from unions import selectors
from unions.figures import _counts_on_orm, counts_at, counts_on, years_with_data
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

DAYS = [date(2010, 12, 31), date(2011, 6, 30), date(2011, 12, 31), date(2012, 3, 31),
        date(2012, 6, 30), date(2012, 12, 31)]


@pytest.fixture
def registry():
    """Unions with random returns, joint unions whose returns are left out once a union they
    cover is founded, unions dissolved between the days and a union founded late."""
    chance = random.Random(20)
    joints = [make_union(f"联合工会{i}", kind=Union.Kind.JOINT,
                         established_on=date(2010, 1, 1)) for i in range(3)]
    unions = []
    for i in range(25):
        founded = date(2009, 1, 1) + timedelta(days=chance.randrange(1300))
        unions.append(make_union(
            f"基层工会{i}", kind=chance.choice([Union.Kind.PRIVATE, Union.Kind.STATE_OWNED]),
            established_on=founded,
            dissolved_on=(founded + timedelta(days=chance.randrange(90, 700))
                          if i % 5 == 0 else None),
            joint_union=joints[i % 3] if i % 4 == 0 else None))
    for union in [*joints, *unions]:
        for day in sorted(chance.sample(range(0, 1400, 30), 4)):
            as_of = date(2009, 6, 1) + timedelta(days=day)
            members = chance.randrange(5, 200)
            shares = chance.random() < 0.7
            make_return(union, as_of, members=members, employed=members + 3, laid_off=1,
                        female_members=members // 2 if shares else None,
                        migrant_members=members // 3 if shares else None)
    return unions


def test_counts_at_many_days_equal_each_day_counted_alone(registry):
    since = {DAYS[1]: date(2011, 1, 1), DAYS[4]: date(2012, 1, 1)}
    together = counts_at(DAYS, since=since)
    assert set(together) == set(DAYS)
    assert any(counts.members for counts in together.values())
    for day in DAYS:
        assert together[day] == _counts_on_orm(day, since.get(day)), day


def test_a_joint_return_left_out_is_left_out_at_every_day(registry):
    joint = Union.objects.get(name="联合工会0")
    HeadcountReturn.objects.filter(union=joint).delete()
    make_return(joint, date(2011, 1, 31), members=1000, employed=1000, laid_off=0)
    make_union("新成立工会", kind=Union.Kind.PRIVATE, joint_union=joint,
               established_on=date(2011, 6, 1))
    together = counts_at(DAYS)
    for day in DAYS:
        assert together[day] == _counts_on_orm(day, None), day
    # counted before the covered union's founding, left out from it on
    before, after = counts_at([date(2011, 5, 31), date(2011, 6, 1)]).values()
    assert before.members - after.members == 1000
    assert counts_on(date(2011, 6, 1))["members"] == after.members


def test_a_day_without_active_unions_counts_nothing():
    assert counts_at([date(1990, 1, 1)]) == {date(1990, 1, 1): _counts_on_orm(date(1990, 1, 1),
                                                                                None)}
    assert counts_at([]) == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one query needs LATERAL")
def test_counts_at_all_days_is_one_query(registry, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts_at(DAYS)


def test_the_union_lists_totals_equal_the_orms_and_do_not_grow(registry, client, staff,
                                                               django_assert_max_num_queries):
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff)
    url = f"{reverse('unions:union-list')}?on=2012-06-30&status=all"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(30):
        union = make_union(f"加的工会{i}", established_on=date(2005, 1, 1))
        make_return(union, date(2012, 1, 1), members=7)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
    from django.http import QueryDict

    from unions.filters import UnionFilterSet
    for query in ("on=2012-06-30&status=all", "on=2011-06-30", "kind=joint&on=2012-06-30"):
        filterset = UnionFilterSet(QueryDict(query), queryset=selectors.unions())
        on = filterset.counts_on()
        totals = selectors.union_totals(filterset.qs, on=on)
        counted = [u for u in filterset.qs if u.is_active_on(on) and not u.left_out]
        assert totals["unions"] == filterset.qs.count()
        assert totals["members"] == sum(u.members_now or 0 for u in counted)
        assert totals["laid_off"] == sum(u.laid_off_now or 0 for u in counted)


def test_years_with_data_skip_a_year_without_returns():
    union = make_union(established_on=date(2005, 1, 1))
    for day in (date(2008, 3, 1), date(2008, 9, 1), date(2010, 12, 31), date(2013, 1, 1)):
        make_return(union, day)
    assert years_with_data() == {2008, 2010, 2013}
    assert years_with(HeadcountReturn.objects.none(), "as_of") == set()


def test_years_with_data_keep_to_the_years_a_date_can_be_typed_in():
    union = make_union(established_on=date(2005, 1, 1))
    make_return(union, date(2011, 5, 1))
    HeadcountReturn.objects.filter(union=union).update(as_of=date(1900, 1, 1))
    make_return(union, date(2012, 5, 1))
    assert years_with_data() == {2012}
