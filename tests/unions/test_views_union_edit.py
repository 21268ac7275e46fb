"""Creating, editing and dissolving a union through the pages (administrators)."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from tests.support.factories import make_headcount_return, make_union, valid_credit_code
from unions.models import Union

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def union_data(**overrides) -> dict:
    data = {"name": "嘉荫县恒达木耳制品有限公司工会", "kind": "private",
            "credit_code": valid_credit_code(9), "chair": "刘春燕", "phone": "0458-6123456",
            "address": "嘉荫县朝阳镇兴安路18号", "established_on": "2012-04-18",
            "joint_union": "", "submission_token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def test_admin_adds_a_union(admin_client, admin_user):
    joint = make_union(kind=Union.Kind.JOINT, name="加工行业联合工会")
    response = admin_client.post(reverse("unions:union-create"),
                                 union_data(joint_union=joint.pk))
    union = Union.objects.get(name="嘉荫县恒达木耳制品有限公司工会")
    assert response.url == union.get_absolute_url()
    assert union.joint_union == joint
    assert union.established_on == date(2012, 4, 18)
    assert union.history.get().history_user == admin_user


def test_the_same_form_submitted_twice_adds_one_union(admin_client):
    data = union_data()
    first = admin_client.post(reverse("unions:union-create"), data)
    admin_client.post(reverse("unions:union-create"), data)
    assert first.status_code == 302
    assert Union.objects.count() == 1


@pytest.mark.parametrize(("overrides", "message"), [
    ({"credit_code": "812307220000000701"}, "统一社会信用代码的校验码不正确，请对照营业执照核对。"),
    ({"name": ""}, "这个字段是必填项。"),
    ({"kind": "party"}, "选择一个有效的选项"),
    ({"established_on": "2012-02-30"}, "输入一个有效的日期。"),
])
def test_bad_input_is_shown_next_to_the_field(admin_client, overrides, message):
    response = admin_client.post(reverse("unions:union-create"), union_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Union.objects.exists()


def test_a_duplicate_name_or_code_is_refused(admin_client):
    make_union(name="嘉荫县恒达木耳制品有限公司工会")
    make_union(credit_code=valid_credit_code(4))
    html = admin_client.post(reverse("unions:union-create"),
                             union_data(credit_code=valid_credit_code(4))).content.decode()
    assert "名称" in html
    assert "已存在" in html
    html = admin_client.post(reverse("unions:union-create"),
                             union_data(name="别的工会", credit_code=valid_credit_code(4))
                             ).content.decode()
    assert "已有其他工会使用此统一社会信用代码。" in html
    assert Union.objects.count() == 2


def test_only_active_joint_unions_are_offered(admin_client):
    make_union(kind=Union.Kind.JOINT, name="甲联合工会")
    make_union(kind=Union.Kind.JOINT, name="乙联合工会", dissolved_on=date(2012, 1, 1))
    make_union(kind=Union.Kind.PRIVATE, name="丙工会")
    form = admin_client.get(reverse("unions:union-create")).context["form"]
    assert [u.name for u in form.fields["joint_union"].queryset] == ["甲联合工会"]


def test_admin_edits_a_union_and_the_change_is_audited(admin_client, admin_user):
    union = make_union(name="嘉荫县财政局工会", chair="王国华")
    response = admin_client.post(reverse("unions:union-update", args=[union.pk]), union_data(
        name="嘉荫县财政局工会", kind="government", chair="李立新", version=0,
        credit_code="", established_on="2000-01-01"))
    assert response.status_code == 302
    union.refresh_from_db()
    assert (union.chair, union.version) == ("李立新", 1)

    page = admin_client.get(union.get_absolute_url()).content.decode()
    assert "工会信息已保存。" in page
    history = page[page.index('data-testid="history"'):]
    assert "王管理" in history
    assert "<del>王国华</del> → 李立新" in history


def test_a_stale_edit_is_refused_and_overwrites_nothing(admin_client):
    union = make_union(name="嘉荫县财政局工会", chair="王国华")
    opened_at = union.version
    union.chair = "赵海涛"  # someone else saves in the meantime
    union.version += 1
    union.save()
    response = admin_client.post(reverse("unions:union-update", args=[union.pk]), union_data(
        name="嘉荫县财政局工会", kind="government", chair="李立新", version=opened_at,
        credit_code="", established_on="2000-01-01"))
    assert response.status_code == 200
    assert "在您打开此记录后，已有其他人保存了修改" in response.content.decode()
    union.refresh_from_db()
    assert union.chair == "赵海涛"
    assert "工会信息已保存。" not in admin_client.get(union.get_absolute_url()).content.decode()


def test_dissolving_asks_for_a_date_and_confirmation(admin_client):
    union = make_union()
    url = reverse("unions:union-dissolve", args=[union.pk])
    page = admin_client.get(url).content.decode()
    assert "不会删除任何记录" in page
    response = admin_client.post(url, {"dissolved_on": "2012-07-01"})
    assert response.status_code == 200
    assert "这个字段是必填项。" in response.content.decode()
    union.refresh_from_db()
    assert union.dissolved_on is None


def test_dissolving_keeps_the_union_and_its_returns(admin_client, admin_user):
    union = make_union()
    make_headcount_return(union, date(2012, 6, 30))
    response = admin_client.post(reverse("unions:union-dissolve", args=[union.pk]),
                                 {"dissolved_on": "2012-07-01", "confirm": "on"})
    assert response.url == union.get_absolute_url()
    union.refresh_from_db()
    assert union.dissolved_on == date(2012, 7, 1)
    assert union.headcount_returns.count() == 1
    assert union.history.first().history_user == admin_user
    assert "已于2012-07-01撤销" in admin_client.get(union.get_absolute_url()).content.decode()


def test_dissolving_before_the_last_return_is_refused(admin_client):
    union = make_union()
    make_headcount_return(union, date(2012, 6, 30))
    response = admin_client.post(reverse("unions:union-dissolve", args=[union.pk]),
                                 {"dissolved_on": "2012-05-01", "confirm": "on"})
    assert "该工会有统计日期为2012-06-30的人数记录，晚于此日期。" in response.content.decode()
    union.refresh_from_db()
    assert union.dissolved_on is None


def test_a_dissolved_union_cannot_be_dissolved_again(admin_client):
    union = make_union(dissolved_on=date(2011, 10, 31))
    response = admin_client.get(reverse("unions:union-dissolve", args=[union.pk]))
    assert response.url == union.get_absolute_url()
    response = admin_client.post(reverse("unions:union-dissolve", args=[union.pk]),
                                 {"dissolved_on": "2012-07-01", "confirm": "on"})
    assert "该工会已于2011-10-31撤销。" in response.content.decode()
    union.refresh_from_db()
    assert union.dissolved_on == date(2011, 10, 31)


def test_a_joint_union_page_lists_the_unions_it_covers(admin_client):
    joint = make_union(kind=Union.Kind.JOINT, name="商业零售行业联合工会")
    store = make_union(name="华联超市工会", joint_union=joint)
    make_headcount_return(store, date(2012, 6, 30), members=16, employed=18, laid_off=0)
    make_union(name="财政局工会")
    page = admin_client.get(joint.get_absolute_url()).content.decode()
    covered = page[page.index('data-testid="covered-unions"'):]
    assert "华联超市工会" in covered
    assert "财政局工会" not in covered
    assert "新增人数记录" in page  # of its directly affiliated members
    assert joint.get_absolute_url() in admin_client.get(store.get_absolute_url()).content.decode()


def test_a_joint_union_still_covering_active_unions_cannot_be_dissolved(admin_client):
    joint = make_union(kind=Union.Kind.JOINT)
    make_union(joint_union=joint)
    response = admin_client.post(reverse("unions:union-dissolve", args=[joint.pk]),
                                 {"dissolved_on": "2012-07-01", "confirm": "on"})
    assert "该行业工会联合会下仍有1个存续工会" in response.content.decode()
    joint.refresh_from_db()
    assert joint.dissolved_on is None


def test_a_dissolution_opened_before_another_save_is_refused(admin_client):
    union = make_union(chair="王国华")
    url = reverse("unions:union-dissolve", args=[union.pk])
    opened_at = admin_client.get(url).context["form"]["version"].value()
    Union.objects.filter(pk=union.pk).update(chair="赵海涛", version=opened_at + 1)
    response = admin_client.post(url, {"dissolved_on": "2012-07-01", "confirm": "on",
                                       "version": opened_at})
    assert response.status_code == 200
    assert "在您打开此记录后，已有其他人保存了修改" in response.content.decode()
    union.refresh_from_db()
    assert union.dissolved_on is None
