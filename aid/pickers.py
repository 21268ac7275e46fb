"""Workers picked as you type (core.picker): the form field and the suggestions' detail.

The search behind the box is aid.selectors.worker_search; the matching rule is
aid.filters.worker_matches."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.picker import PickerChoiceField

from .filters import SEARCH_HINT, worker_matches
from .models import HardshipWorker

SEARCH_URL = "aid:worker-search"


def worker_detail(worker: HardshipWorker) -> str:
    """What tells two workers of the same name apart: masked ID, union, level, out of hardship
    or not yet in force."""
    parts = [worker.masked_id_number, worker.union.name, worker.get_hardship_level_display()]
    if worker.exited_on is not None:
        parts.append(_("out of hardship"))
    elif not worker.is_active:  # 先建档后帮扶: say why the archive cannot receive aid yet
        parts.append(worker.get_state_display())
    return " · ".join(str(part) for part in parts)


def worker_field(queryset: QuerySet[HardshipWorker] | None = None, *,
                 current_only: bool = False, **kwargs: object) -> PickerChoiceField:
    """A form's worker, picked as you type; `queryset` still decides what may be saved."""
    return PickerChoiceField(
        (HardshipWorker.objects.order_by("name", "pk") if queryset is None else queryset
         ).select_related("union"),
        matches=lambda text: worker_matches("", text), search_url=SEARCH_URL,
        detail=worker_detail, search_query="current=1" if current_only else "",
        placeholder=SEARCH_HINT, **kwargs)
