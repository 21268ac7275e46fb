import pytest

from tests.support.factories import make_case, make_worker


@pytest.fixture
def worker(db):
    return make_worker()


@pytest.fixture
def case(staff, worker):
    return make_case(entered_by=staff, worker=worker)
