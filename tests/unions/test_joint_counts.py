"""A joint union's own return (its directly affiliated members) counts in the county's members
and workers, never among the grassroots unions; and nobody is counted twice."""

from datetime import date

import pytest
from django.urls import reverse

from tests.support.factories import make_headcount_return as make_return
from tests.support.factories import make_union
from unions.figures import counts_on, for_period, links, members_on
from unions.models import Union

pytestmark = pytest.mark.django_db

START, END = date(2012, 1, 1), date(2012, 6, 30)


@pytest.fixture
def county():
    """A joint union with 30 direct members, covering a shop union of 16, and a bureau's union."""
    joint = make_union("商业零售行业联合工会", kind=Union.Kind.JOINT,
                       established_on=date(2011, 9, 15))
    shop = make_union("华联超市工会", kind=Union.Kind.PRIVATE, joint_union=joint,
                      established_on=date(2011, 4, 12))
    bureau = make_union("财政局工会")
    make_return(joint, date(2011, 12, 31), members=27, employed=29, laid_off=1, joined=27)
    make_return(joint, date(2012, 6, 30), members=30, employed=33, laid_off=2, joined=4,
                female_members=18, migrant_members=20)
    make_return(shop, date(2012, 6, 30), members=16, employed=18, laid_off=0, joined=1,
                female_members=10, migrant_members=9)
    make_return(bureau, date(2012, 6, 30), members=45, employed=38, laid_off=0, joined=2,
                female_members=20, migrant_members=0)
    return {"joint": joint, "shop": shop, "bureau": bureau}


def test_a_joint_unions_own_return_counts_in_members_and_workers_not_in_the_unions(county):
    figures = for_period(START, END)

    assert figures.unions_active == 2  # the shop and the bureau: the joint union is named
    assert figures.joint_unions == ("商业零售行业联合工会",)
    assert figures.members == 30 + 16 + 45
    assert (figures.employed, figures.laid_off) == (33 + 18 + 38, 2)
    assert figures.workers == 33 + 18 + 38 + 2
    assert figures.joined == 4 + 1 + 2
    assert (figures.female_members, figures.migrant_members) == (48, 29)
    assert figures.joint_returns_left_out == ()


def test_a_joint_union_without_a_return_is_no_missing_return(county):
    make_union("餐饮服务行业联合工会", kind=Union.Kind.JOINT)
    assert for_period(START, END).unions_without_return == 0


def test_a_joint_return_older_than_a_covered_unions_founding_is_left_out(county):
    # The rule: a joint union's return counts only its direct members. When a small enterprise
    # founds its own union under it, its members may still be in the joint union's last return:
    # that return is left out until the joint union files one dated on or after the founding.
    county["joint"].headcount_returns.filter(as_of=date(2012, 6, 30)).delete()
    new = make_union("恒达木耳工会", kind=Union.Kind.PRIVATE, joint_union=county["joint"],
                     established_on=date(2012, 4, 18))
    make_return(new, date(2012, 6, 30), members=16, employed=18, laid_off=0, joined=16)

    figures = for_period(START, END)

    assert figures.members == 16 + 45 + 16  # not the joint union's 27 of 2011-12-31
    assert figures.laid_off == 0
    assert figures.joint_returns_left_out == ("商业零售行业联合工会",)
    # Before the new union was founded, the same return counted (the others' returns are
    # dated 2012-06-30).
    assert members_on(date(2012, 4, 17)) == 27
    assert members_on(date(2012, 4, 18)) == 0

    make_return(county["joint"], date(2012, 6, 30), members=11, employed=12, laid_off=0)
    refiled = for_period(START, END)
    assert refiled.members == 11 + 16 + 45 + 16
    assert refiled.joint_returns_left_out == ()


def test_a_covered_union_founded_elsewhere_or_dissolved_leaves_the_return_counted(county):
    # Only a union active at the date and covered by this joint union makes the return old.
    other = make_union("餐饮服务行业联合工会", kind=Union.Kind.JOINT)
    make_union("江畔鱼馆工会", joint_union=other, established_on=date(2012, 3, 1))
    make_union("星空网吧工会", joint_union=county["joint"], established_on=date(2012, 3, 1),
               dissolved_on=date(2012, 5, 1))

    assert counts_on(date(2012, 5, 31))["members"] == 27 + 0 + 0  # the shop and bureau: later
    assert for_period(START, date(2012, 5, 31)).joint_returns_left_out == ()


def test_members_on_and_counts_on_agree(county):
    new = make_union("恒达木耳工会", joint_union=county["joint"], established_on=date(2012, 7, 2))
    make_return(new, date(2012, 7, 2), members=5, employed=5, laid_off=0)
    for day in (date(2011, 12, 31), date(2012, 6, 30), date(2012, 7, 1), date(2012, 7, 2)):
        assert members_on(day) == counts_on(day)["members"]


def test_the_members_link_lists_exactly_what_the_figures_count(client, staff, county):
    new = make_union("恒达木耳工会", joint_union=county["joint"], established_on=date(2012, 4, 18))
    make_return(new, date(2012, 6, 30), members=16, employed=18, laid_off=0)
    county["joint"].headcount_returns.filter(as_of=date(2012, 6, 30)).delete()
    client.force_login(staff)
    figures = for_period(START, END)

    response = client.get(links(START, END).members)

    totals = response.context["totals"]
    assert (totals["members"], totals["employed"], totals["laid_off"], totals["workers"]) == (
        figures.members, figures.employed, figures.laid_off, figures.workers)
    assert (totals["female_members"], totals["migrant_members"]) == (
        figures.female_members, figures.migrant_members)
    html = response.content.decode()
    assert 'data-testid="left-out"' in html  # the joint union's row says it is not counted
    assert "不计入合计" in html


def test_the_joint_unions_page_says_why_its_return_is_not_counted(client, staff, county):
    county["joint"].headcount_returns.filter(as_of=date(2012, 6, 30)).delete()
    make_union("恒达木耳工会", joint_union=county["joint"], established_on=date(2012, 4, 18))
    client.force_login(staff)

    page = client.get(county["joint"].get_absolute_url()).content.decode()

    warning = page[page.index('data-testid="left-out-warning"'):]
    assert "恒达木耳工会" in warning[:600]
    assert "2012-04-18" in warning[:600]
    assert "直接加入的会员" in page
    assert reverse("unions:headcount-create", args=[county["joint"].pk]) not in page  # staff


def test_the_union_list_shows_a_joint_unions_own_counts(client, staff, county):
    client.force_login(staff)
    response = client.get(reverse("unions:union-list"), {"kind": "joint", "on": "2012-06-30"})
    joint = response.context["unions"][0]
    assert (joint.members_now, joint.workers_now, joint.left_out) == (30, 35, False)
    assert response.context["totals"]["members"] == 30
