"""Every save of a versioned record raises its `version`, whichever path saves it.

Forms remember the version they were opened at (core.locking); a save that does not go through
a form, a service or `lock_version` (the Django admin, a script, a demo loader) must raise it
too, or a form opened before would overwrite that change silently. A pre_save receiver on each
model with a `version` field does it, in one place: after any save the stored version is greater
than before. A caller that has raised it already (`lock_version`, a service) is not counted
twice; a raw save (loaddata, import_all) keeps the version it restores. (QuerySet.update()
and bulk_update() send no signal: nothing uses them on versioned records.)
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import pre_save
from simple_history.models import HistoricalChanges


def is_versioned(model: type[models.Model]) -> bool:
    """A model of the project with a `version` (its audit-trail copies do not count)."""
    try:
        field = model._meta.get_field("version")
    except FieldDoesNotExist:
        return False
    return (isinstance(field, models.PositiveIntegerField) and not field.editable
            and not issubclass(model, HistoricalChanges))


def raise_version(sender: type[models.Model], instance: models.Model, raw: bool = False,
                  update_fields: frozenset[str] | None = None, **_kwargs) -> None:
    """pre_save: the version to store is at least one more than the stored one."""
    if raw or instance._state.adding:  # a restored row keeps its version; a new one starts at 0
        return
    manager = sender._base_manager.filter(pk=instance.pk)
    stored = manager.values_list("version", flat=True).first()
    if stored is None:
        return
    instance.version = max(instance.version, stored + 1)
    if update_fields is not None and "version" not in update_fields:
        manager.update(version=instance.version)  # the save itself will not write it


def connect() -> None:
    """Connect `raise_version` to every versioned model (CoreConfig.ready)."""
    for model in apps.get_models():
        if is_versioned(model):
            pre_save.connect(raise_version, sender=model, dispatch_uid=f"version:{model._meta}")
