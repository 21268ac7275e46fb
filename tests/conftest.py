"""Shared fixtures: one signed-in-able user per role, and test-friendly static files."""

import pytest

from accounts.roles import Role
from tests.security.pii_logs import _no_id_numbers_in_logs  # noqa: F401  (log watch)
from tests.support.factories import make_user


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
