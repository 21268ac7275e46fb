"""The one optimistic lock, shared by services and views.

Every editable record carries a `version`. A form remembers the version it was opened at; saving
locks the row, refuses the save when someone saved since (nothing is overwritten) and bumps it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "Someone else saved this record after you opened it. Nothing was overwritten: "
    "reload the page to see their changes, then make yours again."
)


class StaleEdit(ValidationError):
    """The record changed since the form was opened."""

    def __init__(self) -> None:
        super().__init__(STALE_MESSAGE, code="stale")


def lock_version(model: type[models.Model], pk: int, *, seen: int) -> int:
    """Lock the row until the transaction ends and return its next version.

    Raises StaleEdit when its version is no longer `seen`. Call inside `transaction.atomic()`.
    """
    current = model._default_manager.select_for_update().values_list("version", flat=True)
    version = current.get(pk=pk)
    if version != seen:
        raise StaleEdit
    return version + 1
