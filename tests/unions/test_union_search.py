"""Unions found as you type: the search endpoint behind the pickers, the registry's search box,
and the union pickers of the lists and forms (one matching rule: unions.filters.union_matches)."""

from datetime import date
from uuid import uuid4

import pytest
from django.urls import reverse

from accounts.roles import Role
from aid.models import HardshipWorker
from tests.support.factories import (
    ARCHIVE_FORM,
    make_case,
    make_household,
    make_union,
    make_user,
    make_worker,
    valid_credit_code,
    worker_id_number,
)

pytestmark = pytest.mark.django_db

SEARCH = "unions:union-search"


def search(client, **params) -> list[dict]:
    response = client.get(reverse(SEARCH), params)
    assert response.status_code == 200
    return response.json()["results"]


def test_the_endpoint_needs_a_signed_in_role(client):
    assert client.get(reverse(SEARCH), {"q": "zhao"}).status_code == 302
    client.force_login(make_user())  # a user without a role
    assert client.get(reverse(SEARCH), {"q": "zhao"}).status_code == 403


@pytest.mark.parametrize("role", [Role.STAFF, Role.LEADER, Role.ADMIN])
def test_every_role_finds_a_union_by_full_pinyin_and_initials(client, role):
    union = make_union(name="朝阳镇工会")
    make_union(name="嘉荫县林业局工会")
    client.force_login(make_user(role))
    for term in ("zhaoyang", "zyz", "朝阳", "ZHAO YANG"):
        assert [row["id"] for row in search(client, q=term)] == [union.pk]
    assert search(client, q="zhaoyang")[0]["label"] == "朝阳镇工会"


def test_a_union_is_found_by_characters_of_its_credit_code(client, staff):
    code = valid_credit_code(7)
    union = make_union(name="嘉荫县林业局工会", credit_code=code)
    client.force_login(staff)
    assert [row["id"] for row in search(client, q=code[2:10])] == [union.pk]
    assert code in search(client, q=code[2:10])[0]["detail"]


def test_the_endpoint_is_bounded_and_its_queries_are_few(client, staff,
                                                         django_assert_max_num_queries):
    for n in range(15):
        make_union(name=f"朝阳第{n}工会")
    client.force_login(staff)
    with django_assert_max_num_queries(6):  # the session, the user and its groups, the search
        assert len(search(client, q="zhao")) == 10
    assert search(client, q="") == []
    assert search(client, q="zhao" * 40) == []


def test_active_only_leaves_dissolved_unions_out(client, staff):
    make_union(name="朝阳镇工会", dissolved_on=date(2010, 1, 1))
    active = make_union(name="朝阳村工会")
    client.force_login(staff)
    assert len(search(client, q="zhaoyang")) == 2
    assert [row["id"] for row in search(client, q="zhaoyang", active="1")] == [active.pk]


def test_the_registry_search_box_matches_pinyin(client, staff):
    union = make_union(name="朝阳镇工会")
    make_union(name="嘉荫县林业局工会")
    client.force_login(staff)
    listed = client.get(reverse("unions:union-list"), {"q": "zyz"}).context["object_list"]
    assert list(listed) == [union]


def test_a_list_filter_takes_a_picked_union_or_every_union_typed(client, leader):
    first, second = make_union(name="朝阳镇工会"), make_union(name="朝阳村工会")
    other = make_union(name="嘉荫县林业局工会")
    cases = {u: make_case(entered_by=leader, worker=make_worker(union=u))
             for u in (first, second, other)}
    client.force_login(leader)
    url = reverse("aid:case-list")
    picked = client.get(url, {"union": first.pk}).context["object_list"]
    assert list(picked) == [cases[first]]
    typed = client.get(url, {"union": "", "union_text": "zhaoyang"}).context["object_list"]
    assert set(typed) == {cases[first], cases[second]}


def test_a_list_filter_draws_no_option_per_union(client, leader, django_assert_max_num_queries):
    for n in range(30):
        make_union(name=f"工会{n}")
    client.force_login(leader)
    for name in ("aid:case-list", "aid:worker-list", "economy:household-list"):
        with django_assert_max_num_queries(20):
            content = client.get(reverse(name)).content.decode()
        assert 'name="union_text"' in content
        assert "工会29" not in content


def test_the_worker_form_takes_a_typed_union_that_matches_one(client, staff):
    union = make_union(name="朝阳镇工会")
    make_union(name="嘉荫县林业局工会")
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), {
        "name": "赵大山", "id_number": worker_id_number(5), "phone": "",
        "submission_token": str(uuid4()),
        "union": "", "union_text": "zyz", "union_shown": "", "employer": "",
        "employment_status": "laid_off", "hardship_level": "extreme", "household_size": "1",
        **ARCHIVE_FORM, "own_monthly_income": "200", "registered_on": "2012-01-01"})
    assert response.status_code == 302, response.context["form"].errors
    assert HardshipWorker.objects.get().union == union


def test_the_worker_form_refuses_a_dissolved_union_typed(client, staff):
    make_union(name="朝阳镇工会", dissolved_on=date(2010, 1, 1))
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), {
        "name": "赵大山", "id_number": worker_id_number(5), "phone": "",
        "submission_token": str(uuid4()),
        "union": "", "union_text": "zyz", "union_shown": "", "employer": "",
        "employment_status": "laid_off", "hardship_level": "extreme", "household_size": "1",
        **ARCHIVE_FORM, "own_monthly_income": "200", "registered_on": "2012-01-01"})
    assert response.status_code == 200
    assert "zyz" in " ".join(response.context["form"].errors["union"])
    assert not HardshipWorker.objects.exists()


def test_the_household_list_search_box_matches_the_union_by_pinyin(client, staff):
    union = make_union(name="朝阳镇工会")
    household = make_household(union=union)
    make_household(union=make_union(name="嘉荫县林业局工会"))
    client.force_login(staff)
    listed = client.get(reverse("economy:household-list"), {"q": "zyz"}).context["object_list"]
    assert list(listed) == [household]


def activity_data(**fields) -> dict:
    return {"title": "环城赛", "kind": "sports", "held_on": "2012-04-28", "level": "county",
            "submission_token": str(uuid4()), **fields}


def test_an_activity_takes_ticked_unions_and_one_typed(client, staff):
    from activities.models import Activity

    ticked = make_union(name="嘉荫县林业局工会")
    typed = make_union(name="朝阳镇工会")
    make_union(name="红光乡工会")
    client.force_login(staff)
    response = client.post(reverse("activities:activity-create"),
                           activity_data(unions=[ticked.pk], unions_text="zyz"))
    assert response.status_code == 302
    assert set(Activity.objects.get().unions.all()) == {ticked, typed}


def test_an_activity_form_shows_its_unions_ticked_not_every_union(client, staff):
    from tests.support.factories import make_activity

    chosen = make_union(name="嘉荫县林业局工会")
    make_union(name="红光乡工会")
    activity = make_activity()
    activity.unions.set([chosen])
    client.force_login(staff)
    content = client.get(reverse("activities:activity-update", args=[activity.pk])
                         ).content.decode()
    assert f'name="unions" value="{chosen.pk}" checked' in content
    assert "红光乡工会" not in content
    assert 'name="unions_text"' in content


def test_an_activity_refuses_typed_text_matching_several_unions(client, staff):
    from activities.models import Activity

    make_union(name="朝阳镇工会")
    make_union(name="朝阳村工会")
    client.force_login(staff)
    response = client.post(reverse("activities:activity-create"),
                           activity_data(unions_text="zhaoyang"))
    assert response.status_code == 200
    assert "朝阳村工会" in " ".join(response.context["form"].errors["unions"])
    assert not Activity.objects.exists()
