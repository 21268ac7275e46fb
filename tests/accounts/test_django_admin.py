"""The Django admin, the administrators' fallback: in Chinese, under the federation's name."""

import json

import pytest
from django.urls import reverse

from accounts.models import User, UserEvent

pytestmark = pytest.mark.django_db


def test_the_user_change_page_has_no_english_leftovers(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_user_change", args=[admin_user.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "测试县总工会管理" in text  # the site's header: the federation's name + 管理
    assert "Django" not in text
    for english in ("Choose", "by selecting them", "Can add", "Model name", "Role and access",
                    "Must change password", "Account events"):
        assert english not in text
    assert "名字" not in text
    assert "姓氏" not in text
    assert "姓名" in text
    assert "工作人员状态" not in text  # not to be confused with the role 工作人员
    assert "可进入后台" in text
    for role in ("工作人员", "领导", "管理员"):
        assert role in text
    assert ">admin<" not in text
    assert ">leader<" not in text


def test_the_user_list_and_the_index_are_in_chinese(client, admin_user):
    client.force_login(admin_user)
    listing = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "可进入后台" in listing
    assert "工作人员状态" not in listing
    index = client.get(reverse("admin:index")).content.decode()
    for english in ("Model name", "Add link", "Axes", "Access attempts", "Task Results",
                    "Django"):
        assert english not in index


def test_the_selector_script_is_translated(client, admin_user):
    client.force_login(admin_user)
    catalog = client.get(reverse("admin:jsi18n")).content.decode()
    assert json.dumps("选中要添加的%s，然后点击“选择”箭头按钮。") in catalog


def test_a_password_set_in_the_admin_must_be_changed_at_the_next_sign_in(client, admin_user,
                                                                         staff):
    client.force_login(admin_user)
    response = client.post(reverse("admin:auth_user_password_change", args=[staff.pk]),
                           {"password1": "Blaue-Birne-93", "password2": "Blaue-Birne-93",
                            "usable_password": "true"})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Blaue-Birne-93")
    assert staff.must_change_password
    assert staff.events.get().action == UserEvent.Action.PASSWORD_RESET


def test_a_user_added_in_the_admin_must_change_the_first_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "zhaoliu", "full_name": "赵六", "password1": "Blaue-Birne-93",
        "password2": "Blaue-Birne-93", "usable_password": "true"})
    assert response.status_code == 302
    user = User.objects.get(username="zhaoliu")
    assert user.full_name == "赵六"
    assert user.must_change_password
    assert user.events.get().by == admin_user
