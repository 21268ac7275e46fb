"""Writes to the economy that touch many rows (a form's single record is a ModelForm save)."""

from collections.abc import Iterable

from simple_history.utils import bulk_create_with_history

from accounts.models import User

from .models import ValueAddedReturn

IMPORT_BATCH_SIZE = 2000


def returns_import(*, returns: Iterable[ValueAddedReturn], by: User) -> int:
    """Create checked value-added returns in bulk, each with its audit record naming `by`;
    returns how many."""
    created = bulk_create_with_history(list(returns), ValueAddedReturn,
                                       batch_size=IMPORT_BATCH_SIZE, default_user=by)
    return len(created)
