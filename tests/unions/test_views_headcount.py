"""Adding and correcting a union's headcount returns from its page; the page shows them."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from tests.support.factories import make_headcount_return, make_union
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def return_data(**overrides) -> dict:
    data = {"as_of": "2012-06-30", "members": "45", "employed": "38", "laid_off": "2",
            "joined": "3", "submission_token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def test_admin_adds_a_return_from_the_union_page(admin_client, admin_user):
    union = make_union(name="嘉荫县财政局工会")
    page = admin_client.get(union.get_absolute_url()).content.decode()
    assert reverse("unions:headcount-create", args=[union.pk]) in page
    response = admin_client.post(reverse("unions:headcount-create", args=[union.pk]),
                                 return_data())
    assert response.url == union.get_absolute_url()
    ret = union.headcount_returns.get()
    assert (ret.as_of, ret.members, ret.employed, ret.laid_off, ret.joined) == (
        date(2012, 6, 30), 45, 38, 2, 3)
    assert ret.history.get().history_user == admin_user


def test_the_union_cannot_be_switched_by_the_posted_data(admin_client):
    union, other = make_union(), make_union()
    admin_client.post(reverse("unions:headcount-create", args=[union.pk]),
                      return_data(union=other.pk))
    assert HeadcountReturn.objects.get().union == union


@pytest.mark.parametrize(("overrides", "message"), [
    ({"members": "-1"}, "确保该值大于或等于0。"),
    ({"laid_off": "两个"}, "输入整数。"),
    ({"joined": "46"}, "新入会会员人数不能超过会员人数。"),
    ({"as_of": "1999-12-31"}, "该工会成立于2000-01-01，统计日期不能早于成立日期。"),
    ({"as_of": "2011-12-31"}, "该工会在此日期已有人数记录。"),
])
def test_a_bad_return_is_refused_with_the_reason(admin_client, overrides, message):
    union = make_union(established_on=date(2000, 1, 1))
    make_headcount_return(union, date(2011, 12, 31))
    response = admin_client.post(reverse("unions:headcount-create", args=[union.pk]),
                                 return_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert union.headcount_returns.count() == 1


def test_a_joint_union_gets_a_return_of_its_direct_members_with_the_rule_said(admin_client):
    joint = make_union(kind=Union.Kind.JOINT)
    make_union(joint_union=joint)
    make_union(joint_union=joint)
    form = admin_client.get(reverse("unions:headcount-create", args=[joint.pk]))
    note = form.content.decode()
    assert "只填写直接加入本联合会的会员" in note
    assert "其所覆盖的2个工会自行填报会员人数" in note
    response = admin_client.post(reverse("unions:headcount-create", args=[joint.pk]),
                                 return_data())
    assert response.url == joint.get_absolute_url()
    assert joint.headcount_returns.get().members == 45


def test_admin_corrects_a_return_and_the_page_shows_who_changed_what(admin_client):
    union = make_union()
    ret = make_headcount_return(union, date(2012, 6, 30), members=45, employed=38, laid_off=2)
    response = admin_client.post(reverse("unions:headcount-update", args=[ret.pk]),
                                 return_data(members="47", version="0"))
    assert response.url == union.get_absolute_url()
    ret.refresh_from_db()
    assert (ret.members, ret.version) == (47, 1)
    page = admin_client.get(union.get_absolute_url()).content.decode()
    history = page[page.index('data-testid="history"'):]
    assert "2012-06-30人数记录" in history
    assert "<del>45</del> → 47" in history
    assert "王管理" in history


def test_a_stale_return_edit_is_refused(admin_client):
    ret = make_headcount_return(make_union(), members=45)
    HeadcountReturn.objects.filter(pk=ret.pk).update(members=50, version=1)
    response = admin_client.post(reverse("unions:headcount-update", args=[ret.pk]),
                                 return_data(members="47", version="0"))
    assert "已有其他人保存了修改" in response.content.decode()
    ret.refresh_from_db()
    assert ret.members == 50


def test_the_union_page_shows_the_history_table_and_chart(client, leader):
    union = make_union()
    make_headcount_return(union, date(2011, 12, 31), members=40, employed=35, laid_off=1)
    make_headcount_return(union, date(2012, 6, 30), members=45, employed=38, laid_off=2)
    client.force_login(leader)
    response = client.get(union.get_absolute_url())
    html = response.content.decode()
    table = html[html.index('data-testid="returns"'):]
    assert table.index("2012-06-30") < table.index("2011-12-31")  # newest first
    chart = response.context["chart"]
    assert [bar.value for bar in chart.bars] == [40, 45]
    assert chart.bars[1].height > chart.bars[0].height
    assert 'data-testid="members-chart"' in html
    assert "style=" not in html  # the Content Security Policy forbids inline styles


def test_a_union_without_returns_says_so(client, staff):
    union = make_union()
    client.force_login(staff)
    response = client.get(union.get_absolute_url())
    assert response.context["chart"] is None
    assert "暂无人数记录。" in response.content.decode()
