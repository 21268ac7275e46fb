"""The union list: search, filters, sorting, pagination, totals, empty state, fixed queries."""

from datetime import date

import pytest
from django.urls import reverse

from tests.support.factories import make_headcount_return, make_union, valid_credit_code
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db
URL = reverse("unions:union-list")


@pytest.fixture
def reader(client, staff):
    client.force_login(staff)
    return client


def names(response) -> list[str]:
    return [u.name for u in response.context["unions"]]


@pytest.fixture
def registry():
    joint = make_union(name="商业零售行业联合工会", kind=Union.Kind.JOINT)
    finance = make_union(name="财政局工会", kind=Union.Kind.GOVERNMENT, chair="王国华",
                         credit_code=valid_credit_code(3), established_on=date(1990, 1, 1))
    store = make_union(name="华联超市工会", kind=Union.Kind.PRIVATE, joint_union=joint,
                       established_on=date(2012, 4, 18))
    brick = make_union(name="第二砖厂工会", kind=Union.Kind.COLLECTIVE,
                       established_on=date(1988, 5, 1), dissolved_on=date(2011, 10, 31))
    make_headcount_return(finance, date(2011, 12, 31), members=40, employed=35, laid_off=0)
    make_headcount_return(finance, date(2012, 6, 30), members=45, employed=38, laid_off=0)
    make_headcount_return(store, date(2012, 6, 30), members=16, employed=18, laid_off=0, joined=16)
    make_headcount_return(brick, date(2011, 6, 30), members=70, employed=30, laid_off=40)
    return {"joint": joint, "finance": finance, "store": store, "brick": brick}


def test_search_by_name_code_or_chair(reader, registry):
    assert names(reader.get(URL, {"q": "超市"})) == ["华联超市工会"]
    assert names(reader.get(URL, {"q": valid_credit_code(3).lower()})) == ["财政局工会"]
    assert names(reader.get(URL, {"q": "王国华"})) == ["财政局工会"]


def test_filter_by_kind_and_grassroots_only(reader, registry):
    assert names(reader.get(URL, {"kind": "private"})) == ["华联超市工会"]
    assert "商业零售行业联合工会" not in names(reader.get(URL, {"kind": "grassroots"}))
    assert names(reader.get(URL, {"kind": "joint"})) == ["商业零售行业联合工会"]


def test_filter_by_status_at_a_date(reader, registry):
    active = names(reader.get(URL, {"status": "active", "kind": "grassroots",
                                    "on": "2012-06-30", "sort": "name"}))
    assert sorted(active) == ["华联超市工会", "财政局工会"]
    assert names(reader.get(URL, {"status": "dissolved"})) == ["第二砖厂工会"]
    assert "华联超市工会" not in names(reader.get(URL, {"status": "active", "on": "2012-01-01"}))


def test_filter_by_founding_dates_links_the_new_unions(reader, registry):
    response = reader.get(URL, {"founded_from": "2012-01-01", "founded_to": "2012-06-30"})
    assert names(response) == ["华联超市工会"]


def test_counts_are_the_latest_return_on_or_before_the_date(reader, registry):
    response = reader.get(URL, {"on": "2012-03-31", "q": "财政局"})
    assert response.context["unions"][0].members_now == 40
    response = reader.get(URL, {"q": "财政局"})
    assert response.context["unions"][0].members_now == 45


def test_totals_row_sums_every_filtered_union_not_only_the_page(reader, registry):
    response = reader.get(URL, {"status": "active", "on": "2012-06-30", "kind": "grassroots"})
    assert response.context["totals"] == {"unions": 2, "members": 61, "employed": 56,
                                          "laid_off": 0, "workers": 56, "female_members": 0,
                                          "migrant_members": 0}
    html = response.content.decode()
    assert "合计：2个工会" in html
    assert 'data-testid="total-members">61<' in html


def test_the_list_shows_the_active_unions_unless_asked_otherwise(reader, registry):
    assert "第二砖厂工会" not in names(reader.get(URL))
    assert "第二砖厂工会" in names(reader.get(URL, {"status": "all"}))


def test_sort_by_members_descending_puts_unions_without_returns_last(reader, registry):
    response = reader.get(URL, {"sort": "-members", "status": "all"})
    assert names(response) == ["第二砖厂工会", "财政局工会", "华联超市工会",
                               "商业零售行业联合工会"]
    assert "sort=members" in response.content.decode()  # clicking again reverses
    # A dissolved union keeps its last counts in its row but not in the totals.
    assert response.context["totals"]["members"] == 61


def test_unknown_parameters_are_ignored(reader, registry):
    response = reader.get(URL, {"sort": "password", "on": "yesterday", "kind": "party",
                                "status": "all"})
    assert response.status_code == 200
    assert len(names(response)) == 4


def test_pagination_keeps_the_filters(reader):
    for i in range(60):
        make_union(name=f"工会{i:02d}", kind=Union.Kind.PRIVATE)
    response = reader.get(URL, {"kind": "private", "page": 2})
    assert len(names(response)) == 10
    assert response.context["totals"]["unions"] == 60
    assert "kind=private&amp;page=1" in response.content.decode()


def test_empty_states(reader, registry):
    response = reader.get(URL, {"q": "不存在的工会"})
    assert "没有符合筛选条件的工会。" in response.content.decode()
    Union.objects.all().update(joint_union=None)
    HeadcountReturn.objects.all().delete()
    Union.objects.all().delete()
    assert "名录中还没有工会。" in reader.get(URL).content.decode()


def test_query_count_does_not_grow_with_the_list(reader, django_assert_max_num_queries):
    joint = make_union(kind=Union.Kind.JOINT, name="行业联合工会")

    def add(count):
        for _ in range(count):
            union = make_union(joint_union=joint)
            make_headcount_return(union, date(2011, 12, 31))
            make_headcount_return(union, date(2012, 6, 30))

    add(5)
    reader.get(URL)  # warm the session and user caches
    # Session, user, count and totals, the page, the worklists' counts, the joint unions.
    with django_assert_max_num_queries(7) as few:
        reader.get(URL)
    add(80)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = reader.get(URL)
    assert len(response.context["unions"]) == 50
