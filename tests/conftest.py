"""Shared fixtures: one signed-in-able user per role, and test-friendly static files."""

import pytest

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_group
from tests.security.pii_logs import _no_id_numbers_in_logs  # noqa: F401  (log watch)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic`; tests serve static files from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The role fixtures create users; the production hasher would be the slowest step.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(role: str | None = None, username: str | None = None, **fields) -> User:
    """A user with one role (or none); the password is 'pw-for-tests-1'."""
    username = username or f"{role or 'nobody'}-{User.objects.count() + 1}"
    user = User.objects.create_user(username=username, password="pw-for-tests-1", **fields)
    if role:
        user.groups.add(role_group(role))
    return user


@pytest.fixture
def staff(db):
    return make_user(Role.STAFF, "staff-user", full_name="张工作")


@pytest.fixture
def leader(db):
    return make_user(Role.LEADER, "leader-user", full_name="李主席")


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, "admin-user", full_name="王管理", is_staff=True, is_superuser=True)


@pytest.fixture
def role_users(staff, leader, admin_user):
    return {Role.STAFF: staff, Role.LEADER: leader, Role.ADMIN: admin_user}
