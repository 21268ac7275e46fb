"""Sign-in is locked for a username *from one address*: nobody can lock anybody else out.

django-axes counts failures per (username, client address). The client address is the socket's
peer, or, behind the trusted TLS proxy (TRUST_X_FORWARDED_PROTO), the address that proxy saw.
"""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCKED = "登录失败次数过多，登录已锁定 30 分钟"
PASSWORD = "pw-for-tests-1"  # tests.support.factories.make_user's


def sign_in(user, password: str, **meta: str):
    return Client(**meta).post(reverse("login"), {"username": user.username,
                                                  "password": password})


def fail_five_times(user, **meta: str) -> None:
    statuses = [sign_in(user, "wrong", **meta).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks


def test_five_failures_from_one_address_do_not_lock_the_user_out_elsewhere(staff):
    fail_five_times(staff, REMOTE_ADDR="203.0.113.7")
    response = sign_in(staff, PASSWORD, REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_the_address_that_failed_stays_locked_even_with_the_right_password(staff):
    fail_five_times(staff, REMOTE_ADDR="203.0.113.7")
    sign_in(staff, PASSWORD, REMOTE_ADDR="198.51.100.20")  # a success elsewhere resets nothing here
    response = sign_in(staff, PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_the_lock_is_for_that_username_only(staff, leader):
    fail_five_times(staff, REMOTE_ADDR="203.0.113.7")
    assert sign_in(leader, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(staff, settings):
    settings.TRUSTED_PROXIES = []
    # A visitor cannot dodge the lock by sending a new X-Forwarded-For with each attempt.
    for n in range(5):
        sign_in(staff, "wrong", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = sign_in(staff, PASSWORD, REMOTE_ADDR="203.0.113.7",
                       HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429


def test_behind_the_trusted_proxy_the_address_it_saw_is_the_one_locked(staff, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # nginx appends the address it saw ($proxy_add_x_forwarded_for); what the client sent
    # before it is the client's to invent.
    fail_five_times(staff, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    elsewhere = sign_in(staff, PASSWORD, REMOTE_ADDR="127.0.0.1",
                        HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert elsewhere.status_code == 302
    again = sign_in(staff, PASSWORD, REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7")
    assert again.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_the_documented_command_unlocks_a_user_at_an_address(staff):
    # docs/operations.md: `manage.py axes_reset_ip_username ADDRESS USERNAME`
    fail_five_times(staff, REMOTE_ADDR="203.0.113.7")
    call_command("axes_reset_ip_username", "203.0.113.7", staff.username, verbosity=0)
    assert sign_in(staff, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_the_documented_command_unlocks_a_user_everywhere(staff):
    # docs/operations.md: `manage.py axes_reset_username USERNAME`
    fail_five_times(staff, REMOTE_ADDR="203.0.113.7")
    fail_five_times(staff, REMOTE_ADDR="203.0.113.8")
    call_command("axes_reset_username", staff.username, verbosity=0)
    assert sign_in(staff, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302
    assert sign_in(staff, PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 302


def test_an_admin_unlocks_the_user_on_their_page(staff, admin_user):
    # docs/operations.md: 用户 → the user → 解除锁定.
    fail_five_times(staff, REMOTE_ADDR="203.0.113.7")
    admin = Client()
    admin.force_login(admin_user)
    url = reverse("accounts:user-unlock", args=[staff.pk])
    assert admin.post(url).status_code == 302
    assert not AccessAttempt.objects.filter(username=staff.username).exists()
    assert sign_in(staff, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_the_lockout_parameters_need_no_silenced_check():
    from django.conf import settings

    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert "axes.W006" not in settings.SILENCED_SYSTEM_CHECKS
