from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS
from core.audit import history_entries
from core.edit import RecordCreateView, RecordUpdateView
from core.lists import FilteredListView

from . import selectors
from .filters import ActivityFilterSet
from .forms import ActivityForm
from .models import Activity


class ActivityListView(RoleRequiredMixin, FilteredListView):
    filterset_class = ActivityFilterSet
    template_name = "activities/activity_list.html"
    context_object_name = "activities"
    paginate_by = 25

    def get_queryset(self):
        return selectors.activity_list()


class ActivityDetailView(RoleRequiredMixin, DetailView):
    model = Activity
    template_name = "activities/activity_detail.html"
    context_object_name = "activity"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unions"] = selectors.participating_unions(self.object)
        context["history"] = history_entries(self.object)
        return context


class ActivityCreateView(RoleRequiredMixin, RecordCreateView):
    roles = EDITORS
    model = Activity
    form_class = ActivityForm
    template_name = "activities/activity_form.html"
    success_message = _("Activity saved.")
    extra_context = {"title": _("New activity"),
                     "cancel_url": reverse_lazy("activities:activity-list")}


class ActivityUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    model = Activity
    form_class = ActivityForm
    template_name = "activities/activity_form.html"
    success_message = _("Activity saved.")
    extra_context = {"title": _("Edit activity")}
