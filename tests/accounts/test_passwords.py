"""Passwords: everyone changes their own; a password set by an administrator must be changed at
the next sign-in; the demo's published password never survives into production."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from accounts import services
from accounts.checks import DEMO_PASSWORD_ID, demo_password_check
from accounts.demo import DEMO_PASSWORD
from accounts.models import User, UserEvent
from accounts.roles import Role
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db

CHANGE = reverse("password_change")
NEW = "Gruene-Tomate-81"


def change_password(client, old: str = "pw-for-tests-1", new: str = NEW):
    return client.post(CHANGE, {"old_password": old, "new_password1": new,
                                "new_password2": new})


@pytest.mark.parametrize("role", list(Role))
def test_every_role_changes_their_own_password(client, role_users, role):
    user = role_users[role]
    client.force_login(user)
    page = client.get(CHANGE)
    assert page.status_code == 200
    assert "修改密码" in page.content.decode()
    response = change_password(client)
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get(reverse("home")).status_code == 200  # still signed in
    assert user.events.get().action == UserEvent.Action.PASSWORD_CHANGED


def test_a_wrong_old_password_changes_nothing(client, staff):
    client.force_login(staff)
    response = change_password(client, old="not-it")
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    staff.refresh_from_db()
    assert staff.check_password("pw-for-tests-1")


def test_the_user_menu_links_the_password_change(client, leader):
    client.force_login(leader)
    assert f'href="{CHANGE}"' in client.get(reverse("home")).content.decode()


def test_a_reset_password_sends_every_page_to_the_change_until_it_is_done(client, staff,
                                                                         admin_user):
    temporary = services.password_reset(user_id=staff.pk, by=admin_user)
    client.post(reverse("login"), {"username": staff.username, "password": temporary})
    for page in (reverse("home"), reverse("aid:case-list"), reverse("reports:period-list")):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url == CHANGE
    page = client.get(CHANGE).content.decode()
    assert "请设置您自己的密码" in page
    assert change_password(client, old=temporary).status_code == 302
    staff.refresh_from_db()
    assert not staff.must_change_password
    assert client.get(reverse("home")).status_code == 200


def test_a_user_who_must_change_may_still_sign_out(client, staff):
    staff.must_change_password = True
    staff.save()
    client.force_login(staff)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")


def test_the_health_check_is_not_sent_to_the_change(client, staff):
    staff.must_change_password = True
    staff.save()
    client.force_login(staff)
    assert client.get(reverse("healthz")).status_code == 200


def test_a_user_created_by_an_admin_must_change_at_first_sign_in(client, admin_user):
    services.user_create(username="newcomer", role=Role.LEADER, password=NEW,
                         full_name="周新", by=admin_user, must_change_password=True)
    client.post(reverse("login"), {"username": "newcomer", "password": NEW})
    assert client.get(reverse("home")).url == CHANGE


# The demo password -----------------------------------------------------------------------------

def test_the_deploy_check_fails_while_an_active_user_has_the_demo_password(settings):
    settings.DEBUG = False
    user = make_user(Role.ADMIN, "admin")
    user.set_password(DEMO_PASSWORD)
    user.save()
    errors = demo_password_check()
    assert [error.id for error in errors] == [DEMO_PASSWORD_ID]
    assert "admin" in errors[0].msg
    with pytest.raises(SystemCheckError, match=DEMO_PASSWORD_ID):
        call_command("check", deploy=True)


def test_the_deploy_check_passes_once_the_password_is_changed_or_the_user_deactivated(settings):
    settings.DEBUG = False
    changed, left = make_user(Role.STAFF, "staff"), make_user(Role.LEADER, "leader")
    changed.set_password(NEW)
    changed.save()
    left.set_password(DEMO_PASSWORD)
    left.is_active = False
    left.save()
    assert demo_password_check() == []


def test_the_demo_password_is_fine_with_debug_on(settings):
    settings.DEBUG = True
    user = make_user(Role.STAFF, "staff")
    user.set_password(DEMO_PASSWORD)
    user.save()
    assert demo_password_check() == []


def test_load_demo_on_an_empty_database_creates_the_demo_users_not_forced(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    users = User.objects.order_by("username")
    assert [u.username for u in users] == ["admin", "leader", "staff"]
    assert all(u.check_password(DEMO_PASSWORD) and not u.must_change_password for u in users)


def test_load_demo_never_touches_existing_users_passwords(settings):
    settings.DEBUG = True
    real_admin = make_user(Role.ADMIN, "admin", full_name="真管理")
    real_admin.set_password(NEW)
    real_admin.save()
    call_command("load_demo", verbosity=0)
    real_admin.refresh_from_db()
    assert real_admin.check_password(NEW)
    assert real_admin.full_name == "真管理"
    # The demo's records need a staff user and a leader: added, but nobody can sign in as them.
    added = User.objects.exclude(pk=real_admin.pk)
    assert sorted(added.values_list("username", flat=True)) == ["leader", "staff"]
    assert not any(user.has_usable_password() for user in added)


def test_load_demo_with_force_sets_the_demo_users_again(settings):
    settings.DEBUG = True
    admin = make_user(Role.ADMIN, "admin")
    admin.set_password(NEW)
    admin.save()
    call_command("load_demo", force=True, verbosity=0)
    admin.refresh_from_db()
    assert admin.check_password(DEMO_PASSWORD)
    assert User.objects.filter(username__in=["staff", "leader"]).count() == 2
