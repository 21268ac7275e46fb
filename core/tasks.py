"""The background tasks, run by `manage.py db_worker` (django-tasks, on the project's database).

A task names only its import batch; the batch's kind says which importer runs it, among those
the site offers (`import_batches.importer_for`).
"""

from django.contrib.auth import get_user_model
from django_tasks import task

from . import import_batches
from .models import ImportBatch


@task()
def check_import(batch_id: int) -> None:
    """Read and check the file of a queued import batch."""
    import_batches.check_queued(batch_id=batch_id)


@task()
def confirm_import(batch_id: int, user_id: int) -> None:
    """Save the rows of a confirmed import batch, all or none."""
    import_batches.confirm_queued(batch_id=batch_id,
                                  by=get_user_model().objects.get(pk=user_id))


def enqueue_check(batch: ImportBatch) -> None:
    check_import.enqueue(batch.pk)


def enqueue_confirm(batch: ImportBatch, by) -> None:
    """Hand a batch set to confirming (and committed) to the worker; if the queue cannot take
    it, the batch may be confirmed again."""
    try:
        confirm_import.enqueue(batch.pk, by.pk)
    except Exception:
        ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.CONFIRMING).update(
            status=ImportBatch.Status.PREVIEWED)
        raise
