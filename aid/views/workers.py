from django.http import JsonResponse
from django.views import View
from django.views.generic import DetailView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS, READERS, has_role
from core.audit import history_entries
from core.edit import RecordCreateView, RecordUpdateView
from core.lists import FilteredListView

from .. import selectors, services
from ..filters import WorkerFilterSet
from ..forms import WorkerForm
from ..models import HardshipWorker
from ..validators import mask_bank_account, mask_id_number


def _cause_labels(causes) -> str:
    return "、".join(HardshipWorker.labels_of_causes(causes)) or "—"


# The audit view masks the ID number like every page but the worker's own details.
WORKER_HISTORY_FORMATTERS = {"id_number": mask_id_number, "causes": _cause_labels,
                             "bank_account": mask_bank_account}


class WorkerListView(RoleRequiredMixin, FilteredListView):
    filterset_class = WorkerFilterSet
    template_name = "aid/worker_list.html"
    context_object_name = "workers"

    def get_queryset(self):
        return selectors.workers()


class WorkerDetailView(RoleRequiredMixin, DetailView):
    """The one page that shows the whole ID number (to the three roles)."""

    model = HardshipWorker
    template_name = "aid/worker_detail.html"
    context_object_name = "worker"

    def get_queryset(self):
        return HardshipWorker.objects.select_related("union")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        worker = self.object
        context["show_id_number"] = has_role(self.request.user, *READERS)
        context["cases"] = selectors.worker_cases(worker)
        context["history"] = history_entries(worker, formatters=WORKER_HISTORY_FORMATTERS)
        context["can_edit"] = has_role(self.request.user, *EDITORS)
        return context


class WorkerSaveMixin:
    """Save through `services.worker_save`; a number taken meanwhile links to its archive."""

    model = HardshipWorker
    form_class = WorkerForm
    template_name = "aid/worker_form.html"

    def save(self, form):
        try:
            return services.worker_save(worker=form.instance, by=self.request.user)
        except services.DuplicateArchive as duplicate:
            form.existing_worker = duplicate.existing  # the page links to it
            raise

    def form_invalid(self, form):
        # The number may also be taken between the form's own check and the model's unique
        # check: link to that archive all the same.
        if form.existing_worker is None and form.has_error("id_number", code="unique"):
            form.existing_worker = (HardshipWorker.objects
                                    .filter(id_number=form.instance.id_number)
                                    .exclude(pk=form.instance.pk).first())
        return super().form_invalid(form)


class WorkerCreateView(RoleRequiredMixin, WorkerSaveMixin, RecordCreateView):
    roles = EDITORS


class WorkerUpdateView(RoleRequiredMixin, WorkerSaveMixin, RecordUpdateView):
    roles = EDITORS


class WorkerSearchView(RoleRequiredMixin, View):
    """JSON for the case form's worker box: at most ten matches, ID numbers masked."""

    def get(self, request):
        return JsonResponse({"results": [
            {"id": w.pk, "name": w.name, "id_number": w.masked_id_number,
             "union": w.union.name, "hardship_level": w.get_hardship_level_display(),
             "exited": w.exited_on is not None}
            for w in selectors.worker_search(request.GET)
        ]})
