import pytest
from django.urls import reverse

from tests.support.factories import make_user

pytestmark = pytest.mark.django_db


def nav_of(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_only_admins_see_the_administration_link(client, staff, leader, admin_user):
    admin_link = f'href="{reverse("admin:index")}"'
    assert admin_link in nav_of(client, admin_user)
    assert admin_link not in nav_of(client, staff)
    assert admin_link not in nav_of(client, leader)


def test_home_shows_the_users_name_and_role(client, leader):
    page = nav_of(client, leader)
    assert "李主席" in page
    assert "领导" in page


def test_home_tells_a_user_without_a_role_to_ask_for_one(client):
    assert "还没有角色" in nav_of(client, make_user())


def test_language_switch_turns_the_page_english(client, staff):
    client.force_login(staff)
    assert "退出" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "Sign out" in page
    assert '<html lang="en">' in page


def test_anonymous_visitor_can_switch_language_on_the_login_page(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert "Sign in" in client.get(reverse("login")).content.decode()


def test_unknown_page_is_a_404_in_the_layout(client, staff):
    client.force_login(staff)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
