"""The demo county, loaded once for this package inside a transaction rolled back at the end
(each test runs in a savepoint within it)."""

import pytest
from django.db import transaction
from django.test import override_settings

from accounts.models import User


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo county plus one case in each workflow state; returns the demo users and objects."""
    from reports import demo as reports_demo
    from tests.security.catalogue import demo_objects

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
            with override_settings(PASSWORD_HASHERS=fast):
                reports_demo.load()
            users = {u.username: u for u in User.objects.filter(
                username__in=("staff", "leader", "admin"))}
            yield {"users": users, "objects": demo_objects(users["leader"])}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
