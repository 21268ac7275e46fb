"""The demo county, loaded once per test run for the tests that read it.

The county is loaded inside one transaction that stays open while the tests that use it run
(each of them in its own savepoint, as usual, so what a test writes is rolled back after it) and
is rolled back as soon as a test that does not use it comes next. tests/conftest.py runs the tests
that use it one after the other, so the demo is loaded once; should another test come between
them all the same, the county is rolled back for it and loaded again afterwards.
"""

from django.db import connection, transaction
from django.test import override_settings

from accounts.models import User
from reports import demo

FIXTURE = "demo_county"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class DemoCounty:
    """The loaded demo county: `users` are the demo's staff, leader and admin by username."""

    def __init__(self) -> None:
        self.users: dict[str, User] = {}
        self.loads = 0
        self._atomic = None
        self._depth = 0
        self._blocker = None

    @property
    def is_open(self) -> bool:
        return self._atomic is not None

    @property
    def was_loaded(self) -> bool:
        return self._blocker is not None

    def open(self, blocker=None) -> None:
        """Load the county in a transaction left open; `blocker` is pytest-django's."""
        self._blocker = blocker or self._blocker
        with self._blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                # The demo creates its users; the production hasher would be the slowest step.
                with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                    demo.load(force_users=True)
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
            self._atomic = atomic
            self._depth = len(connection.savepoint_ids)
            self.users = {user.username: user for user in User.objects.filter(
                username__in=("staff", "leader", "admin"))}
        self.loads += 1

    def close(self) -> None:
        """Roll the county back."""
        with self._blocker.unblock():
            # A savepoint still open on the county (tests/security/on_demo's) would be lost.
            assert len(connection.savepoint_ids) == self._depth, (
                "a fixture built on the demo county is still open: run its tests together")
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        self.users = {}


def uses_county(item) -> bool:
    return FIXTURE in getattr(item, "fixturenames", ())
