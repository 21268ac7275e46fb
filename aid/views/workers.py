from django.http import JsonResponse
from django.views import View
from django.views.generic import DetailView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS, READERS, has_role
from core.audit import history_entries
from core.edit import RecordCreateView, RecordUpdateView
from core.lists import FilteredListView

from .. import archive_selectors, archive_services, selectors, services
from ..filters import WorkerFilterSet
from ..forms import NoticeForm, ObjectionForm, ResolveForm, SurveyForm, WorkerForm
from ..models import HardshipWorker
from ..pickers import worker_detail
from ..validators import mask_bank_account, mask_id_number


def _cause_labels(causes) -> str:
    return "、".join(HardshipWorker.labels_of_causes(causes)) or "—"


# The audit view masks the ID number like every page but the worker's own details.
WORKER_HISTORY_FORMATTERS = {"id_number": mask_id_number, "secondary_causes": _cause_labels,
                             "bank_account": mask_bank_account}


class WorkerListView(RoleRequiredMixin, FilteredListView):
    filterset_class = WorkerFilterSet
    template_name = "aid/worker_list.html"
    context_object_name = "workers"

    def get_queryset(self):
        return selectors.workers()

    def get_context_data(self, **kwargs):
        return super().get_context_data(overdue_url=archive_selectors.overdue_url(), **kwargs)


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
        context["archive"] = archive_selectors.archive_panel(worker, self.request.user)
        context["survey_form"] = SurveyForm(prefix="survey")
        context["notice_form"] = NoticeForm(prefix="notice")
        context["objection_form"] = ObjectionForm(prefix="objection")
        context["resolve_form"] = ResolveForm(prefix="resolve")
        return context


class WorkerSaveMixin:
    """Save through `services.worker_save`; a number taken meanwhile links to its archive."""

    model = HardshipWorker
    form_class = WorkerForm
    template_name = "aid/worker_form.html"

    def save(self, form):
        try:
            worker = services.worker_save(worker=form.instance, by=self.request.user)
        except services.DuplicateArchive as duplicate:
            form.existing_worker = duplicate.existing  # the page links to it
            raise
        archive_services.members_save(worker=worker, members=form.members, by=self.request.user)
        return worker

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
    """JSON for the worker pickers (core.picker): at most ten matches, ID numbers masked."""

    def get(self, request):
        return JsonResponse({"results": [
            {"id": w.pk, "label": w.name, "detail": worker_detail(w),
             "name": w.name, "id_number": w.masked_id_number,
             "union": w.union.name, "hardship_level": w.get_hardship_level_display(),
             "exited": w.exited_on is not None, "active": w.is_active,
             "state": w.get_state_display()}
            for w in selectors.worker_search(request.GET)
        ]})
