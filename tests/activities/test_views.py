"""Activity pages: permissions per role, list by period, detail with history, forms."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from activities.models import Activity
from tests.support.factories import make_activity

pytestmark = pytest.mark.django_db

EVERYONE = {Role.STAFF: 200, Role.LEADER: 200, Role.ADMIN: 200}
EDITORS = {Role.STAFF: 200, Role.LEADER: 403, Role.ADMIN: 200}
PAGES = [
    ("activities:activity-list", False, EVERYONE),
    ("activities:activity-detail", True, EVERYONE),
    ("activities:activity-create", False, EDITORS),
    ("activities:activity-update", True, EDITORS),
]


def url_of(name, with_pk, activity) -> str:
    return reverse(name, args=[activity.pk]) if with_pk else reverse(name)


@pytest.mark.parametrize(("name", "with_pk", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, name, with_pk, expected):
    response = client.get(url_of(name, with_pk, make_activity()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.STAFF, Role.LEADER, Role.ADMIN])
@pytest.mark.parametrize(("name", "with_pk", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_each_role_gets_what_design_allows(client, role_users, role, name, with_pk, expected):
    client.force_login(role_users[role])
    assert client.get(url_of(name, with_pk, make_activity())).status_code == expected[role]


@pytest.fixture
def season(db):
    return [
        make_activity(held_on=date(2012, 1, 14), edition=7, cup="信合杯",
                      co_organisers="团县委、文体局"),
        make_activity(title="全市职工“十佳歌手”大奖赛", kind=Activity.Kind.CONTEST,
                      held_on=date(2012, 6, 8), level=Activity.Level.CITY,
                      awards="获得优秀组织奖"),
        make_activity(title="嘉荫县第二届“邮储银行杯”环城赛", held_on=date(2011, 4, 29)),
    ]


def titles(response) -> list[str]:
    return [a.title for a in response.context["activities"]]


def test_the_list_filters_by_period_kind_and_search(client, leader, season):
    client.force_login(leader)
    url = reverse("activities:activity-list")
    assert titles(client.get(url, {"start": "2012-01-01", "end": "2012-06-30"})) == [
        "全市职工“十佳歌手”大奖赛", "嘉荫县第七届“信合杯”乒乓球赛"]
    assert titles(client.get(url, {"kind": "contest"})) == ["全市职工“十佳歌手”大奖赛"]
    assert titles(client.get(url, {"q": "团县委"})) == ["嘉荫县第七届“信合杯”乒乓球赛"]
    assert titles(client.get(url, {"q": "优秀组织奖"})) == ["全市职工“十佳歌手”大奖赛"]
    assert "没有符合条件的文体活动。" in client.get(url, {"q": "足球"}).content.decode()


def test_the_list_takes_a_fixed_number_of_queries(client, staff,
                                                  django_assert_max_num_queries):
    Activity.objects.bulk_create(
        Activity(title=f"活动{i}", kind=Activity.Kind.ARTS, held_on=date(2012, 1 + i % 6, 1))
        for i in range(120)
    )
    client.force_login(staff)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("activities:activity-list"), {"page": 3})
    assert len(response.context["activities"]) == 25


def test_the_detail_shows_edition_awards_unions_and_history(client, leader, season, unions):
    contest = season[1]
    contest.unions.set(unions[:2])
    client.force_login(leader)
    page = client.get(contest.get_absolute_url()).content.decode()
    assert "获得优秀组织奖" in page
    assert "市级" in page
    assert "嘉荫县林业局工会" in page
    assert 'data-testid="history"' in page
    page = client.get(season[0].get_absolute_url()).content.decode()
    assert "第 7 届" in page
    assert "信合杯" in page


def test_staff_record_an_activity(client, staff, unions):
    client.force_login(staff)
    url = reverse("activities:activity-create")
    token = client.get(url).context["form"]["submission_token"].initial
    response = client.post(url, {
        "title": "嘉荫县第三届“邮储银行杯”环城赛", "kind": "sports", "edition": "3",
        "cup": "邮储银行杯", "held_on": "2012-04-28", "level": "county",
        "co_organisers": "团县委、文体局", "unions": [unions[0].pk, unions[1].pk],
        "submission_token": token,
    })
    activity = Activity.objects.get()
    assert response["Location"] == activity.get_absolute_url()
    assert activity.unions.count() == 2
    assert activity.history.get().history_user == staff


def test_a_stale_activity_form_is_refused(client, staff, season):
    activity = season[0]
    client.force_login(staff)
    url = reverse("activities:activity-update", args=[activity.pk])
    version = client.get(url).context["form"]["version"].initial
    data = {"title": activity.title, "kind": "sports", "held_on": "2012-01-14",
            "level": "county", "version": version}
    assert client.post(url, {**data, "awards": "甲"}).status_code == 302
    response = client.post(url, {**data, "awards": "乙"})
    assert "已有其他人保存了修改" in response.content.decode()
    activity.refresh_from_db()
    assert activity.awards == "甲"


def test_a_leader_cannot_post_an_activity(client, leader):
    client.force_login(leader)
    response = client.post(reverse("activities:activity-create"),
                           {"title": "x", "kind": "sports", "held_on": "2012-01-14",
                            "level": "county"})
    assert response.status_code == 403
    assert not Activity.objects.exists()
