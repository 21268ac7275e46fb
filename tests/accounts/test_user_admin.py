"""The application's own user pages (administrators only): list, add, edit, deactivate,
reset a password, unlock; every step in the account's log."""

import uuid

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import User, UserEvent
from accounts.roles import Role, user_roles
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:user-list")
CREATE = reverse("accounts:user-create")
STRONG = "Kette-Birne-47"


def new_user(**data: str) -> dict[str, str]:
    """The create form's data, with a fresh submission token (core.edit)."""
    return {"password": "", "submission_token": str(uuid.uuid4()), **data}


def url(name: str, user: User) -> str:
    return reverse(f"accounts:{name}", args=[user.pk])


@pytest.mark.parametrize("who", ["staff", "leader"])
@pytest.mark.parametrize("page", ["list", "create", "detail", "update", "reset", "unlock",
                                  "deactivate"])
def test_only_admins_may_manage_users(client, request, who, page, admin_user):
    client.force_login(request.getfixturevalue(who))
    target = {"list": LIST, "create": CREATE, "detail": url("user-detail", admin_user),
              "update": url("user-update", admin_user),
              "reset": url("user-password-reset", admin_user),
              "unlock": url("user-unlock", admin_user),
              "deactivate": url("user-deactivate", admin_user)}[page]
    assert client.get(target).status_code == 403
    assert client.post(target, {"full_name": "某人", "role": "admin"}).status_code == 403
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert not admin_user.must_change_password


def test_the_list_shows_chinese_role_names_and_filters_by_role_and_status(
        client, admin_user, staff, leader, django_assert_max_num_queries):
    gone = make_user(Role.STAFF, "gone-user", full_name="赵离职", is_active=False)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        page = client.get(LIST).content.decode()
    assert "工作人员" in page
    assert "领导" in page
    assert "管理员" in page
    assert ">staff<" not in page
    assert ">leader<" not in page
    leaders = client.get(LIST, {"role": "leader"}).context["users"]
    assert [u.username for u in leaders] == [leader.username]
    inactive = client.get(LIST, {"active": "no"}).context["users"]
    assert [u.username for u in inactive] == [gone.username]
    found = client.get(LIST, {"q": "李主"}).context["users"]
    assert [u.username for u in found] == [leader.username]
    assert staff.username not in [u.username for u in found]


def test_an_admin_adds_a_user_and_a_generated_password_is_shown_once(client, admin_user):
    client.force_login(admin_user)
    data = new_user(username="xiaoliu", full_name="刘小", role="staff")
    response = client.post(CREATE, data)
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    user = User.objects.get(username="xiaoliu")
    assert user.full_name == "刘小"
    assert user_roles(user) == {"staff"}
    assert not user.is_staff  # the Django admin is for administrators only
    assert user.must_change_password
    assert user.check_password(password)
    event = user.events.get()
    assert (event.action, event.by, event.detail) == (UserEvent.Action.CREATED, admin_user,
                                                      "工作人员")
    page = client.get(url("user-detail", user)).content.decode()
    assert password not in page  # shown once: never again
    again = client.post(CREATE, data, follow=True)  # the same form sent twice
    assert User.objects.filter(username="xiaoliu").count() == 1
    assert password not in again.content.decode()
    assert "创建账户" in page
    assert "王管理" in page


def test_an_admin_adds_a_user_with_a_typed_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post(CREATE, new_user(username="boss", full_name="孙领导", role="leader",
                                            password=STRONG))
    assert response.status_code == 200
    assert STRONG not in response.content.decode()
    user = User.objects.get(username="boss")
    assert user.check_password(STRONG)
    assert user.must_change_password
    assert user_roles(user) == {"leader"}


def test_a_weak_password_or_a_taken_username_is_refused_beside_the_field(client, admin_user,
                                                                           staff):
    client.force_login(admin_user)
    weak = client.post(CREATE, new_user(username="newbie", full_name="钱新", role="staff",
                                        password="123"))
    assert weak.status_code == 200
    assert weak.context["form"].errors["password"]
    taken = client.post(CREATE, new_user(username=staff.username.upper(), full_name="钱新",
                                         role="staff"))
    assert "已存在" in " ".join(taken.context["form"].errors["username"])
    assert not User.objects.filter(username="newbie").exists()


def test_an_admin_changes_name_and_role_and_the_log_says_so(client, admin_user, staff):
    client.force_login(admin_user)
    response = client.post(url("user-update", staff), {"full_name": "张新名", "role": "leader"})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.full_name == "张新名"
    assert user_roles(staff) == {"leader"}
    event = staff.events.get()
    assert event.action == UserEvent.Action.CHANGED
    assert "张工作 → 张新名" in event.detail
    assert "工作人员 → 领导" in event.detail
    page = client.get(url("user-detail", staff)).content.decode()
    assert "工作人员 → 领导" in page


def test_an_admin_cannot_change_their_own_role(client, admin_user):
    client.force_login(admin_user)
    response = client.post(url("user-update", admin_user), {"full_name": "王管理",
                                                            "role": "staff"})
    assert response.status_code == 200
    assert "不能更改自己的角色" in response.content.decode()
    assert user_roles(User.objects.get(pk=admin_user.pk)) == {"admin"}


def test_deactivating_asks_first_then_the_user_cannot_sign_in(client, admin_user, staff):
    client.force_login(admin_user)
    confirm = client.get(url("user-deactivate", staff))
    assert confirm.status_code == 200
    assert "停用" in confirm.content.decode()
    staff.refresh_from_db()
    assert staff.is_active  # asking changed nothing
    assert client.post(url("user-deactivate", staff)).status_code == 302
    staff.refresh_from_db()
    assert not staff.is_active
    refused = Client().post(reverse("login"), {"username": staff.username,
                                                "password": "pw-for-tests-1"})
    assert refused.status_code == 200
    assert not refused.wsgi_request.user.is_authenticated
    assert staff.events.get().action == UserEvent.Action.DEACTIVATED
    assert client.post(url("user-reactivate", staff)).status_code == 302
    staff.refresh_from_db()
    assert staff.is_active
    assert staff.events.first().action == UserEvent.Action.REACTIVATED


def test_an_admin_cannot_deactivate_themself(client, admin_user):
    client.force_login(admin_user)
    response = client.post(url("user-deactivate", admin_user), follow=True)
    assert "不能停用自己的账户" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert not admin_user.events.exists()


def test_the_last_active_admin_is_never_deactivated_nor_demoted(admin_user, staff):
    with pytest.raises(ValidationError, match="最后一位"):
        services.user_set_active(user_id=admin_user.pk, active=False, by=staff)
    with pytest.raises(ValidationError, match="最后一位"):
        services.user_update(user_id=admin_user.pk, full_name="王管理", role="staff", by=staff)
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert user_roles(admin_user) == {"admin"}
    other = make_user(Role.ADMIN, "second-admin")
    services.user_set_active(user_id=admin_user.pk, active=False, by=other)
    admin_user.refresh_from_db()
    assert not admin_user.is_active


def test_a_reset_shows_a_temporary_password_once_and_forces_a_change(client, admin_user, staff):
    client.force_login(admin_user)
    assert client.get(url("user-password-reset", staff)).status_code == 200
    staff.refresh_from_db()
    assert staff.check_password("pw-for-tests-1")  # asking changed nothing
    response = client.post(url("user-password-reset", staff))
    password = response.context["password"]
    assert password in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(password)
    assert not staff.check_password("pw-for-tests-1")
    assert staff.must_change_password
    assert staff.events.get().action == UserEvent.Action.PASSWORD_RESET
    assert password not in client.get(url("user-detail", staff)).content.decode()


def fail_five_times(username: str) -> None:
    for _ in range(5):
        Client(REMOTE_ADDR="203.0.113.9").post(reverse("login"), {"username": username,
                                                                  "password": "wrong"})


def test_an_admin_unlocks_a_locked_user(client, admin_user, staff):
    fail_five_times(staff.username)
    locked = Client(REMOTE_ADDR="203.0.113.9").post(
        reverse("login"), {"username": staff.username, "password": "pw-for-tests-1"})
    assert locked.status_code == 429
    client.force_login(admin_user)
    assert "已锁定" in client.get(url("user-detail", staff)).content.decode()
    assert staff.username in client.get(LIST).context["locked"]
    assert client.post(url("user-unlock", staff)).status_code == 302
    assert not AccessAttempt.objects.filter(username=staff.username).exists()
    again = Client(REMOTE_ADDR="203.0.113.9").post(
        reverse("login"), {"username": staff.username, "password": "pw-for-tests-1"})
    assert again.status_code == 302
    event = staff.events.get()
    assert (event.action, event.by) == (UserEvent.Action.UNLOCKED, admin_user)


def test_the_user_menu_links_the_user_pages_for_admins_only(client, admin_user, staff):
    client.force_login(admin_user)
    assert f'href="{LIST}"' in client.get(reverse("home")).content.decode()
    client.force_login(staff)
    assert f'href="{LIST}"' not in client.get(reverse("home")).content.decode()
