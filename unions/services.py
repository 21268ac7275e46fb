"""Writes to the registry that enforce a workflow or touch many rows."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from core.locking import lock_version
from core.pinyin import search_key

from .models import HeadcountReturn, Union

IMPORT_BATCH_SIZE = 2000


def union_dissolve(*, union_id: int, on: date, by: User, version: int | None = None) -> Union:
    """Record that `by` found the union dissolved on `on`; the union and its returns are kept.

    `version` is the one the form was opened at: if someone saved the union since, nothing is
    changed (core.locking.StaleEdit). Without it (no form), the union's version now is taken.
    """
    with transaction.atomic():
        union = Union.objects.select_for_update().get(pk=union_id)
        if union.dissolved_on is not None:
            raise ValidationError(
                _("This union was already dissolved on %(day)s.")
                % {"day": union.dissolved_on.isoformat()}
            )
        union.version = lock_version(Union, union_id,
                                     seen=union.version if version is None else version)
        if on < union.established_on:
            raise ValidationError(
                {"dissolved_on": _("A union cannot be dissolved before it was established.")}
            )
        later = union.headcount_returns.filter(as_of__gt=on).order_by("-as_of").first()
        if later is not None:
            raise ValidationError({"dissolved_on": _(
                "The union has a headcount return dated %(day)s, after this date."
            ) % {"day": later.as_of.isoformat()}})
        if union.is_joint:
            covered = union.covered_unions.filter(dissolved_on__isnull=True).count()
            if covered:
                raise ValidationError({"dissolved_on": _(
                    "This industry joint union still covers %(count)d active unions; move "
                    "them to another joint union first."
                ) % {"count": covered}})
        union.dissolved_on = on
        union._history_user = by
        union.full_clean()
        union.save()
    return union


def returns_import(*, returns: Iterable[HeadcountReturn], by: User,
                   unions: Iterable[Union] = (), union_fields: Iterable[str] = ()) -> int:
    """Create checked headcount returns in bulk, each with its audit record; returns how many.

    `unions` carry checked new values of `union_fields` (the organisation indicators of the
    import): those that differ from the registry are saved, with their audit records, and their
    version moves on (a form opened before the import is refused).
    """
    fields = list(union_fields)
    with transaction.atomic():
        if fields:
            _unions_update(list(unions), fields, by=by)
        created = bulk_create_with_history(list(returns), HeadcountReturn,
                                           batch_size=IMPORT_BATCH_SIZE, default_user=by)
    return len(created)


def _unions_update(unions: list[Union], fields: list[str], *, by: User) -> None:
    if any(field.startswith("committee_") for field in fields):
        fields = [*fields, "election_due_on"]
    if "name" in fields:  # bulk_update skips save(), which derives the pinyin key
        fields = [*fields, "name_pinyin"]
    stored = Union.objects.select_for_update().in_bulk([union.pk for union in unions])
    changed = []
    for union in unions:
        union.derive_election_due()
        union.name_pinyin = search_key(union.name)
        if any(getattr(union, field) != getattr(stored[union.pk], field) for field in fields):
            union.version = F("version") + 1
            changed.append(union)
    if changed:
        bulk_update_with_history(changed, Union, [*fields, "version"],
                                 batch_size=IMPORT_BATCH_SIZE, default_user=by)
