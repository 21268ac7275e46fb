from django.db.models import Count, Q
from django.http import JsonResponse
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import has_role
from core.audit import history_entries
from core.views import IdempotentCreateMixin, OptimisticLockMixin
from unions.models import Union

from ..forms import WorkerForm, worker_matches
from ..models import AidCase, HardshipWorker
from ..validators import mask_id_number
from .common import ANY_ROLE, ENTERING, SortMixin

SEARCH_LIMIT = 10


def _cause_labels(causes) -> str:
    return "、".join(HardshipWorker.labels_of_causes(causes)) or "—"


# The audit view masks the ID number like every page but the worker's own details.
WORKER_HISTORY_FORMATTERS = {"id_number": mask_id_number, "causes": _cause_labels}


def workers_matching(request):
    """The workers of `?q=` (name, or last digits of the ID) and `?union=`."""
    workers = HardshipWorker.objects.all()
    q = request.GET.get("q", "").strip()
    if q:
        workers = workers.filter(worker_matches("", q))
    union = request.GET.get("union", "")
    if union.isdigit():
        workers = workers.filter(union_id=int(union))
    return workers, q


class WorkerListView(RoleRequiredMixin, SortMixin, ListView):
    model = HardshipWorker
    paginate_by = 50
    template_name = "aid/worker_list.html"
    context_object_name = "workers"
    sort_fields = {"name": "name", "union": "union__name", "registered": "registered_on",
                   "level": "hardship_level"}
    default_sort = "name"

    def get_queryset(self):
        workers, self.q = workers_matching(self.request)
        counted = Q(cases__status__in=AidCase.COUNTED_STATUSES)
        return (workers.select_related("union")
                .annotate(counted_cases=Count("cases", filter=counted))
                .order_by(*self.sort_order()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["q"] = self.q
        context["unions"] = Union.objects.order_by("name").only("pk", "name")
        context["union"] = self.request.GET.get("union", "")
        context["total"] = context["paginator"].count
        return context


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
        context["show_id_number"] = has_role(self.request.user, *ANY_ROLE)
        context["cases"] = worker.cases.select_related("campaign").order_by("-granted_on", "-pk")
        context["history"] = history_entries(worker, formatters=WORKER_HISTORY_FORMATTERS)
        context["can_edit"] = has_role(self.request.user, *ENTERING)
        return context


class WorkerCreateView(RoleRequiredMixin, IdempotentCreateMixin, CreateView):
    roles = ENTERING
    model = HardshipWorker
    form_class = WorkerForm
    template_name = "aid/worker_form.html"


class WorkerUpdateView(RoleRequiredMixin, OptimisticLockMixin, UpdateView):
    roles = ENTERING
    model = HardshipWorker
    form_class = WorkerForm
    template_name = "aid/worker_form.html"


class WorkerSearchView(RoleRequiredMixin, View):
    """JSON for the case form's worker box: at most ten matches, ID numbers masked."""

    def get(self, request):
        workers, q = workers_matching(request)
        if not q:
            return JsonResponse({"results": []})
        found = workers.select_related("union").order_by("name", "pk")[:SEARCH_LIMIT]
        return JsonResponse({"results": [
            {"id": w.pk, "name": w.name, "id_number": w.masked_id_number,
             "union": w.union.name, "hardship_level": w.get_hardship_level_display(),
             "exited": w.exited_on is not None}
            for w in found
        ]})
