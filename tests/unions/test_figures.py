"""unions.figures.for_period: who counts at the end, and a fixed number of queries."""

from datetime import date

import pytest

from tests.support.factories import make_headcount_return as make_return
from tests.support.factories import make_union
from unions.figures import UnionFigures, for_period
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

START, END = date(2012, 1, 1), date(2012, 6, 30)


def test_members_and_workers_come_from_each_active_unions_latest_return_by_the_end():
    union = make_union()
    make_return(union, date(2011, 12, 31), members=50, employed=40, laid_off=9, joined=1)
    make_return(union, date(2012, 3, 31), members=52, employed=41, laid_off=8, joined=2)
    make_return(union, date(2012, 9, 30), members=99, employed=99, laid_off=0, joined=3)
    other = make_union()
    make_return(other, date(2011, 12, 31), members=20, employed=15, laid_off=5, joined=0)

    figures = for_period(START, END)

    assert (figures.members, figures.employed, figures.laid_off, figures.workers) == (
        72, 56, 13, 69)
    assert figures.joined == 2  # only returns dated within the period
    assert figures.unions_active == 2
    assert figures.unions_without_return == 0


def test_dissolved_and_not_yet_founded_unions_do_not_count_at_the_end():
    gone = make_union(dissolved_on=date(2012, 6, 30))
    make_return(gone, date(2011, 12, 31), members=100)
    later = make_union(established_on=date(2012, 7, 1))
    make_return(later, date(2012, 7, 1), members=100)
    stays = make_union(dissolved_on=date(2012, 7, 1))
    make_return(stays, date(2011, 12, 31), members=7)

    figures = for_period(START, END)

    assert figures.unions_active == 1
    assert figures.members == 7


def test_founded_counts_grassroots_unions_established_in_the_period_by_kind():
    make_union(kind=Union.Kind.PRIVATE, established_on=date(2012, 4, 18))
    make_union(kind=Union.Kind.COMMUNITY, established_on=date(2012, 1, 1))
    make_union(kind=Union.Kind.COMMUNITY, established_on=date(2012, 6, 30))
    make_union(kind=Union.Kind.PRIVATE, established_on=date(2011, 12, 31))
    make_union(kind=Union.Kind.JOINT, established_on=date(2012, 2, 1))

    figures = for_period(START, END)

    assert figures.founded == 3
    assert figures.founded_by_kind == {"private": 1, "community": 2}


def test_joint_unions_are_named_not_counted():
    make_union(kind=Union.Kind.JOINT, name="乙行业联合工会")
    make_union(kind=Union.Kind.JOINT, name="甲行业联合工会")
    make_union(kind=Union.Kind.JOINT, name="丙行业联合工会", dissolved_on=date(2012, 5, 1))
    make_union(kind=Union.Kind.JOINT, name="丁行业联合工会", established_on=date(2012, 7, 1))

    figures = for_period(START, END)

    assert figures.unions_active == 0
    assert sorted(figures.joint_unions) == ["乙行业联合工会", "甲行业联合工会"]
    assert list(figures.joint_unions) == sorted(figures.joint_unions)


def test_unions_without_a_return_by_the_end_are_counted_for_the_warning():
    make_union()
    make_return(make_union(), date(2012, 7, 1))

    assert for_period(START, END).unions_without_return == 2


def test_an_empty_registry_gives_zeros():
    assert for_period(START, END) == UnionFigures(
        unions_active=0, members=0, founded=0, founded_by_kind={}, joined=0, workers=0,
        employed=0, laid_off=0, joint_unions=(), unions_without_return=0)


def test_the_number_of_queries_does_not_grow_with_the_registry(django_assert_max_num_queries):
    joint = make_union(kind=Union.Kind.JOINT, name="行业联合工会")
    kinds = [kind for kind in Union.Kind.values if kind != Union.Kind.JOINT]
    unions = Union.objects.bulk_create(
        Union(name=f"工会{i}", kind=kinds[i % len(kinds)], joint_union=joint if i % 7 else None,
              established_on=date(2000 + i % 12, 1 + i % 12, 1)) for i in range(400))
    HeadcountReturn.objects.bulk_create(
        HeadcountReturn(union=u, as_of=as_of, members=10 + i % 50, employed=8, laid_off=i % 3,
                        joined=i % 4)
        for i, u in enumerate(unions) for as_of in (date(2011, 12, 31), date(2012, 6, 30)))

    with django_assert_max_num_queries(4):
        figures = for_period(START, END)

    assert figures.unions_active == 400
    assert figures.joint_unions == ("行业联合工会",)
    assert figures.members == sum(10 + i % 50 for i in range(400))
    assert figures.joined == sum(i % 4 for i in range(400))


def test_the_dates_of_the_returns_behind_the_counts_are_given():
    early, late = make_union(), make_union()
    make_return(early, date(2011, 12, 31), members=10)
    make_return(late, date(2012, 3, 31), members=20)
    figures = for_period(START, END)
    assert (figures.counts_from, figures.counts_to) == (date(2011, 12, 31), date(2012, 3, 31))
    assert figures.unions_not_returned == 1  # `early` filed none within the period


def test_a_period_without_returns_counts_every_union_as_not_returned():
    make_return(make_union(), date(2012, 6, 30), members=10)
    figures = for_period(date(2012, 7, 1), date(2012, 12, 31))
    assert figures.members == 10
    assert (figures.counts_from, figures.counts_to) == (date(2012, 6, 30), date(2012, 6, 30))
    assert figures.unions_not_returned == 1


def test_the_members_joined_link_lists_the_unions_and_their_joined(client, admin_user):
    from unions.figures import links

    first, second, quiet = make_union(), make_union(), make_union()
    make_return(first, date(2012, 3, 31), members=30, joined=5)
    make_return(first, date(2012, 6, 30), members=33, joined=3)
    make_return(second, date(2012, 6, 30), members=20, joined=4)
    make_return(second, date(2011, 12, 31), members=16, joined=9)  # before the period
    make_return(quiet, date(2012, 6, 30), members=8, joined=0)
    client.force_login(admin_user)
    response = client.get(links(START, END).joined)
    assert response.context["totals"]["joined"] == for_period(START, END).joined == 12
    assert {union.name: union.joined_in for union in response.context["unions"]} == {
        first.name: 8, second.name: 4}
