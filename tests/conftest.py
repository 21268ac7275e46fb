"""Shared fixtures: one signed-in-able user per role, the demo county loaded once per run,
test-friendly static files, and the Hypothesis profiles."""

import pytest
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings

from accounts.roles import Role
from tests.security.pii_logs import _no_id_numbers_in_logs  # noqa: F401  (log watch)
from tests.support.demo import DemoCounty, uses_county
from tests.support.factories import make_user

# Every fuzz example posts a whole form or file and renders the page: 15 examples per case, the
# same ones on every run, and a failure is reported as found, not shrunk (shrinking one failing
# form case took hundreds more posts, over a minute). `pytest --hypothesis-profile=thorough`
# tries 300 new examples per case and shrinks what fails.
_SLOW_EXAMPLES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
hypothesis_settings.register_profile(
    "suite", max_examples=15, deadline=None, derandomize=True, database=None,
    phases=[Phase.explicit, Phase.generate], suppress_health_check=_SLOW_EXAMPLES)
hypothesis_settings.register_profile(
    "thorough", max_examples=300, deadline=None, suppress_health_check=_SLOW_EXAMPLES)
hypothesis_settings.load_profile("suite")

COUNTY = DemoCounty()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # The tests that read the demo county run last, one after the other, so that it is loaded
    # once (pytest-django then puts the database tests first, keeping this order among them).
    items.sort(key=uses_county)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before the test's own fixtures: no other test sees the county; if one came between the
    # tests that read it, load it again for them.
    if COUNTY.is_open and not uses_county(item):
        COUNTY.close()
    elif COUNTY.was_loaded and not COUNTY.is_open and uses_county(item):
        COUNTY.open()


@pytest.fixture(scope="session")
def demo_county(django_db_setup, django_db_blocker) -> DemoCounty:
    """The demo county (reports.demo.load()), loaded once; each test runs in a savepoint on it.
    `demo_county.users` holds the demo's "staff", "leader" and "admin"."""
    COUNTY.open(django_db_blocker)
    yield COUNTY
    if COUNTY.is_open:
        COUNTY.close()


@pytest.fixture(autouse=True, scope="session")
def _documents_in_a_temporary_folder(tmp_path_factory):
    # Proof documents uploaded by tests (the security walks' included) go to a folder of this
    # run, never to var/documents.
    from django.conf import settings
    from django.test.utils import override_settings

    storages = {**settings.STORAGES, "documents": {
        **settings.STORAGES["documents"],
        "OPTIONS": {**settings.STORAGES["documents"].get("OPTIONS", {}),
                    "location": str(tmp_path_factory.mktemp("documents"))}}}
    override = override_settings(STORAGES=storages)
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic`; tests serve static files from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Background tasks (large imports) run as they are enqueued, inside the test; one test runs
    # the real database worker (tests/core/test_import_worker.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    # Cached figures are keyed by the data version (core.freshness), which a transactional
    # test's flush sets back: each test gets an empty cache, in memory (the database cache of
    # the settings is tested in tests/core/test_freshness.py).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests"}}
    from django.core.cache import cache

    cache.clear()


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
