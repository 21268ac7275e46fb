import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import user_roles
from reports.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_load_demo_twice_gives_the_same_users(settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = sorted(User.objects.values_list("pk", "username"))
    call_command("load_demo")
    assert sorted(User.objects.values_list("pk", "username")) == first
    assert sorted(u for _, u in first) == ["admin", "leader", "staff"]
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)
        assert user_roles(user) == {user.username}


def test_load_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_load_demo_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False
    call_command("load_demo", force=True)
    assert User.objects.count() == 3
