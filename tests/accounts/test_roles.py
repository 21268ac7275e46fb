import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role, has_role, user_roles
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_three_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {"staff", "leader", "admin"}


def test_has_role_answers_from_the_groups():
    user = make_user(Role.LEADER)
    assert has_role(user, Role.LEADER)
    assert has_role(user, Role.STAFF, Role.LEADER)
    assert not has_role(user, Role.STAFF, Role.ADMIN)
    assert user_roles(user) == {"leader"}


def test_a_user_without_a_group_has_no_role():
    assert user_roles(make_user()) == frozenset()


def test_adduser_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("GONGHUI_PASSWORD", "Harbin-winter-2012")
    call_command("adduser", "zhao", role="leader", full_name="赵主席")
    user = User.objects.get(username="zhao")
    assert user.check_password("Harbin-winter-2012")
    assert user.full_name == "赵主席"
    assert user_roles(user) == {"leader"}
    assert not user.is_staff


def test_adduser_admin_may_use_the_django_admin(monkeypatch):
    monkeypatch.setenv("GONGHUI_PASSWORD", "Harbin-winter-2012")
    call_command("adduser", "qian", role="admin")
    user = User.objects.get(username="qian")
    assert user.is_staff
    assert user.is_superuser
    assert user_roles(user) == {"admin"}


def test_adduser_asks_for_the_password_twice(monkeypatch):
    monkeypatch.delenv("GONGHUI_PASSWORD", raising=False)
    answers = iter(["Harbin-winter-2012", "Harbin-winter-2013"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="differ"):
        call_command("adduser", "sun", role="staff")
    assert not User.objects.filter(username="sun").exists()


def test_adduser_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("GONGHUI_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("adduser", "li", role="staff")
    assert not User.objects.filter(username="li").exists()


def test_adduser_refuses_an_existing_username(monkeypatch, staff):
    monkeypatch.setenv("GONGHUI_PASSWORD", "Harbin-winter-2012")
    with pytest.raises(CommandError, match="already exists"):
        call_command("adduser", staff.username, role="leader")
    assert user_roles(User.objects.get(pk=staff.pk)) == {"staff"}


def test_adduser_rejects_an_unknown_role():
    with pytest.raises(CommandError):
        call_command("adduser", "zhou", role="boss")
