"""The real background worker (`manage.py db_worker`, django-tasks-db) on a queued import: the
task waits in the project's database until the worker runs it."""

import signal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from core.models import ImportBatch
from tests.support.workbooks import xlsx

# The worker commits and closes connections as in production: a transactional test.
pytestmark = [pytest.mark.urls("tests.core.urls"), pytest.mark.django_db(transaction=True)]


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
    settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_BACKGROUND_ROWS = 0


@pytest.fixture
def run_worker():
    """Runs `db_worker --batch` (every task waiting, then exit), restoring the signal handlers
    the worker installs in this process."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM,
                                                        signal.SIGQUIT)}

    def run():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0,
                     verbosity=0)

    yield run
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def test_the_worker_checks_a_queued_file_then_saves_the_confirmed_import(
        client, admin_user, database_tasks, run_worker):
    client.force_login(admin_user)
    client.post("/import/", {"file": SimpleUploadedFile(
        "groups.xlsx", xlsx([["甲组", 3], ["乙组", 4]], ["组名", "人数"]))})
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.QUEUED
    assert DBTaskResult.objects.get().task_path == "core.tasks.check_import"

    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert batch.row_count == 2

    client.post(f"/import/{batch.pk}/")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CONFIRMING
    assert not Group.objects.filter(name="甲组").exists()

    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Group.objects.filter(name__in=["甲组", "乙组"]).count() == 2
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
