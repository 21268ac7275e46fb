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
        employed=0, laid_off=0, joint_unions=(), unions_without_return=0, female_members=0,
        migrant_members=0, returns_without_shares=0, unions_with_contract=0,
        unions_with_wage_negotiation=0, elections_overdue=0, joint_returns_left_out=())


def test_female_and_migrant_members_come_from_the_same_returns_as_the_members():
    union = make_union()
    make_return(union, date(2011, 12, 31), members=50, female_members=40, migrant_members=40)
    make_return(union, date(2012, 6, 30), members=52, female_members=21, migrant_members=5)
    unknown = make_union()
    make_return(unknown, date(2012, 6, 30), members=30, female_members=12, migrant_members=None)
    make_return(make_union(dissolved_on=date(2012, 3, 1)), date(2011, 12, 31), members=9,
                female_members=9, migrant_members=9)

    figures = for_period(START, END)

    assert (figures.female_members, figures.migrant_members) == (33, 5)
    assert figures.returns_without_shares == 1  # the return not giving its migrant members


def test_unions_with_an_agreement_in_force_at_the_end_are_counted_joint_unions_too():
    signed = {"contract_signed_on": date(2011, 3, 1), "contract_expires_on": date(2014, 2, 28)}
    wage = {"wage_agreement_signed_on": date(2012, 3, 1),
            "wage_agreement_expires_on": date(2013, 2, 28)}
    make_union(**signed, **wage)
    make_union(kind=Union.Kind.JOINT, **signed)  # an industry-wide contract
    make_union(contract_signed_on=date(2009, 3, 1), contract_expires_on=date(2012, 6, 29),
               wage_agreement_signed_on=date(2011, 6, 30),
               wage_agreement_expires_on=date(2012, 6, 30))  # expired / its last day
    make_union(contract_signed_on=date(2012, 7, 1), contract_expires_on=date(2015, 6, 30))
    make_union(dissolved_on=date(2012, 5, 1), **signed, **wage)

    figures = for_period(START, END)

    assert figures.unions_with_contract == 2
    assert figures.unions_with_wage_negotiation == 2


def test_elections_overdue_are_terms_run_out_before_the_end():
    make_union(committee_elected_on=date(2009, 6, 29), committee_term_years=3)  # due 06-29
    make_union(committee_elected_on=date(2009, 6, 30), committee_term_years=3)  # due on the end
    make_union(committee_elected_on=date(2007, 1, 1), committee_term_years=5)   # overdue
    make_union(kind=Union.Kind.JOINT, committee_elected_on=date(2008, 1, 1),
               committee_term_years=3)                                           # overdue
    make_union(committee_elected_on=date(2007, 1, 1), committee_term_years=3,
               dissolved_on=date(2012, 1, 1))
    make_union()  # no term recorded

    assert for_period(START, END).elections_overdue == 3


def test_the_number_of_queries_does_not_grow_with_the_registry(django_assert_max_num_queries):
    joint = make_union(kind=Union.Kind.JOINT, name="行业联合工会")
    make_return(joint, date(2012, 6, 30), members=7, employed=7, laid_off=0, joined=1)
    kinds = [kind for kind in Union.Kind.values if kind != Union.Kind.JOINT]
    unions = Union.objects.bulk_create(
        Union(name=f"工会{i}", kind=kinds[i % len(kinds)], joint_union=joint if i % 7 else None,
              established_on=date(2000 + i % 12, 1 + i % 12, 1),
              contract_signed_on=date(2011, 1, 1) if i % 2 else None,
              contract_expires_on=date(2013, 12, 31) if i % 2 else None,
              election_due_on=date(2012, 1, 1) if i % 5 == 0 else None)
        for i in range(400))
    HeadcountReturn.objects.bulk_create(
        HeadcountReturn(union=u, as_of=as_of, members=10 + i % 50, employed=8, laid_off=i % 3,
                        joined=i % 4, female_members=5, migrant_members=i % 2)
        for i, u in enumerate(unions) for as_of in (date(2011, 12, 31), date(2012, 6, 30)))

    with django_assert_max_num_queries(4):
        figures = for_period(START, END)

    assert figures.unions_active == 400
    assert figures.joint_unions == ("行业联合工会",)
    assert figures.members == sum(10 + i % 50 for i in range(400)) + 7
    assert figures.joined == sum(i % 4 for i in range(400)) + 1
    assert (figures.female_members, figures.migrant_members) == (2000, 200)
    assert figures.unions_with_contract == 200
    assert figures.elections_overdue == 80


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
