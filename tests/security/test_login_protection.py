"""Sessions end, weak passwords are refused (lockout and headers: tests/accounts/test_login.py)."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import get_default_password_validators
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_a_session_lasts_a_working_day_at_most():
    assert 0 < django_settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert django_settings.SESSION_COOKIE_HTTPONLY


def test_the_session_cookie_expires_with_the_session_age(client, staff):
    client.force_login(staff)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    lifetime = session.expire_date - timezone.now()
    age = timedelta(seconds=django_settings.SESSION_COOKIE_AGE)
    assert age - timedelta(minutes=1) < lifetime <= age


def test_an_expired_session_is_sent_back_to_the_login_page(client, staff):
    client.force_login(staff)
    assert client.get(reverse("aid:worker-list")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("aid:worker-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_four_password_validators_are_on():
    names = {type(v).__name__ for v in get_default_password_validators()}
    assert names == {"UserAttributeSimilarityValidator", "MinimumLengthValidator",
                     "CommonPasswordValidator", "NumericPasswordValidator"}


@pytest.mark.parametrize("weak", ["12345678", "password", "zhangsan1", "abc"])
def test_user_create_refuses_a_weak_password(weak):
    with pytest.raises(ValidationError):
        user_create(username="zhangsan1", role=Role.STAFF, password=weak)
    assert not User.objects.filter(username="zhangsan1").exists()


def test_user_create_accepts_a_strong_password():
    user = user_create(username="lisi", role=Role.STAFF, password="县总工会-帮扶-2012!")
    assert user.check_password("县总工会-帮扶-2012!")
