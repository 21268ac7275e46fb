from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import Role
from core.audit import history_entries
from core.views import IdempotentCreateMixin, OptimisticLockMixin, query_without

from .forms import ActivityFilterForm, ActivityForm
from .models import Activity


class EditorMixin(RoleRequiredMixin):
    """Staff and admins record activities; leaders only read."""

    roles = (Role.STAFF, Role.ADMIN)


class ActivityListView(RoleRequiredMixin, ListView):
    template_name = "activities/activity_list.html"
    context_object_name = "activities"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = ActivityFilterForm(self.request.GET or None)
        activities = Activity.objects.all()
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["start"]:
                activities = activities.filter(held_on__gte=data["start"])
            if data["end"]:
                activities = activities.filter(held_on__lte=data["end"])
            if data["kind"]:
                activities = activities.filter(kind=data["kind"])
            if data["q"]:
                activities = activities.filter(
                    Q(title__icontains=data["q"]) | Q(cup__icontains=data["q"])
                    | Q(co_organisers__icontains=data["q"]) | Q(awards__icontains=data["q"])
                )
        return activities.order_by("-held_on", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, query=query_without(self.request, "page"))
        return context


class ActivityDetailView(RoleRequiredMixin, DetailView):
    model = Activity
    template_name = "activities/activity_detail.html"
    context_object_name = "activity"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unions"] = self.object.unions.order_by("name")
        context["history"] = history_entries(self.object)
        return context


class ActivityCreateView(EditorMixin, IdempotentCreateMixin, SuccessMessageMixin, CreateView):
    model = Activity
    form_class = ActivityForm
    template_name = "activities/activity_form.html"
    success_message = _("Activity saved.")
    extra_context = {"title": _("New activity"),
                     "cancel_url": reverse_lazy("activities:activity-list")}


class ActivityUpdateView(EditorMixin, OptimisticLockMixin, SuccessMessageMixin, UpdateView):
    model = Activity
    form_class = ActivityForm
    template_name = "activities/activity_form.html"
    success_message = _("Activity saved.")
    extra_context = {"title": _("Edit activity")}
