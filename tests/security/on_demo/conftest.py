"""The demo county (loaded once per run, tests/conftest.py) plus one case in each workflow state,
added for this package in a savepoint rolled back at the end (each test runs in a savepoint
within it)."""

import pytest
from django.db import transaction


@pytest.fixture(scope="package")
def demo(demo_county, django_db_blocker):
    """The demo users and one object of each kind (one case per workflow state)."""
    from tests.security.catalogue import demo_objects

    with django_db_blocker.unblock():
        savepoint = transaction.atomic()
        savepoint.__enter__()
    try:
        with django_db_blocker.unblock():
            objects = demo_objects(demo_county.users["leader"])
        yield {"users": demo_county.users, "objects": objects}
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            savepoint.__exit__(None, None, None)
