"""The background tasks, run by `manage.py db_worker` (django-tasks, on the project's database).

A task names its importer by its dotted path, which only the import views put there.
"""

from django.contrib.auth import get_user_model
from django_tasks import task

from . import import_batches


@task()
def check_import(batch_id: int, importer_path: str) -> None:
    """Read and check the file of a queued import batch."""
    import_batches.check_queued(batch_id=batch_id,
                                importer=import_batches.importer_at(importer_path))


@task()
def confirm_import(batch_id: int, importer_path: str, user_id: int) -> None:
    """Save the rows of a confirmed import batch, all or none."""
    import_batches.confirm_queued(batch_id=batch_id,
                                  importer=import_batches.importer_at(importer_path),
                                  by=get_user_model().objects.get(pk=user_id))
