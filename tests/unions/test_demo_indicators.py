"""The demo county's organisation indicators: plausible, with the seed's figures untouched."""

from datetime import date

import pytest
from django.urls import reverse

from unions.figures import for_period, links
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

START, END = date(2012, 1, 1), date(2012, 6, 30)


@pytest.fixture
def figures(demo_county):
    return for_period(START, END)


def test_the_joint_unions_direct_members_are_part_of_the_seeds_totals(figures):
    grassroots = sum(HeadcountReturn.objects.filter(as_of=END).exclude(
        union__kind=Union.Kind.JOINT).values_list("members", flat=True))
    direct = sum(HeadcountReturn.objects.filter(as_of=END, union__kind=Union.Kind.JOINT)
                 .values_list("members", flat=True))
    assert direct > 100
    assert grassroots + direct == figures.members == 10_220
    assert (figures.unions_active, figures.workers, figures.joined) == (121, 8_747, 41)
    assert figures.joint_returns_left_out == ()


def test_female_and_migrant_members_are_plausible_shares(figures):
    assert 0.35 < figures.female_members / figures.members < 0.55
    assert 0.03 < figures.migrant_members / figures.members < 0.2
    assert figures.returns_without_shares == 0


def test_some_unions_have_agreements_some_elections_are_overdue(figures):
    assert 40 < figures.unions_with_contract < figures.unions_active
    assert 20 < figures.unions_with_wage_negotiation < figures.unions_with_contract
    assert 0 < figures.elections_overdue < 15


def test_the_work_lists_at_mid_2012_are_not_empty(demo_county, client):
    client.force_login(demo_county.users["leader"])
    response = client.get(reverse("unions:union-list"), {"on": "2012-06-30"})
    counts = {w.key: w.count for w in response.context["worklists"]}
    assert all(count > 0 for count in counts.values())


def test_every_new_figures_link_lists_exactly_its_unions(demo_county, client, figures):
    client.force_login(demo_county.users["leader"])
    to = links(START, END)
    members = client.get(to.members).context["totals"]
    assert (members["members"], members["workers"]) == (figures.members, figures.workers)
    assert client.get(to.female_members).context["totals"]["female_members"] == (
        figures.female_members)
    assert client.get(to.migrant_members).context["totals"]["migrant_members"] == (
        figures.migrant_members)
    for url, count in ((to.unions_with_contract, figures.unions_with_contract),
                       (to.unions_with_wage_negotiation, figures.unions_with_wage_negotiation),
                       (to.elections_overdue, figures.elections_overdue)):
        assert client.get(url).context["totals"]["unions"] == count


def test_a_joint_unions_return_is_left_out_while_a_new_union_predates_it(demo_county):
    # The industry joint union's 2011-12-31 return predates 恒达木耳's founding on 2012-04-18.
    assert for_period(START, date(2012, 5, 31)).joint_returns_left_out == (
        "嘉荫县加工、制造、建筑行业联合工会",)
