"""Pages that write: staff and admins only; the rules run in services.py.

The order of the mixins matters. `ServiceErrorsMixin` comes first so that a rule broken inside
a service (e.g. the fund balance, checked under the round's lock) rolls back the transaction of
`IdempotentCreateMixin` or `OptimisticLockMixin` and shows on the form; `ServiceSaveMixin` comes
last and does the saving through the service.
"""

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, FormView, UpdateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import Role
from core.views import IdempotentCreateMixin, OptimisticLockMixin

from . import services
from .forms import (
    FundEntryEditForm,
    FundEntryForm,
    PairingCloseForm,
    PairingCreateForm,
    ProjectForm,
    RoundForm,
    add_service_errors,
)
from .models import FundEntry, Helper, Pairing, Programme, Project, Round

EDITORS = (Role.STAFF, Role.ADMIN)


class ServiceErrorsMixin:
    """Outermost: a ValidationError from the service shows on the form; nothing is kept."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)


class ServiceSaveMixin:
    """Innermost: saves through `perform(form)` and goes to the saved record."""

    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        self.object = self.perform(form)
        messages.success(self.request, self.success_message)
        return redirect(self.object)


class RoundCreateView(RoleRequiredMixin, IdempotentCreateMixin, SuccessMessageMixin, CreateView):
    roles = EDITORS
    form_class = RoundForm
    template_name = "pairings/form.html"
    extra_context = {"title": _("New round")}
    success_message = _("Round saved.")


class RoundUpdateView(RoleRequiredMixin, OptimisticLockMixin, SuccessMessageMixin, UpdateView):
    roles = EDITORS
    model = Round
    form_class = RoundForm
    template_name = "pairings/form.html"
    extra_context = {"title": _("Edit round")}
    success_message = _("Round saved.")


class PairingCreateView(RoleRequiredMixin, ServiceErrorsMixin, IdempotentCreateMixin,
                        ServiceSaveMixin, FormView):
    roles = EDITORS
    form_class = PairingCreateForm
    template_name = "pairings/pairing_form.html"
    success_message = _("Pairing saved.")

    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("round", "")
        rounds = Round.objects.by_param(wanted) if wanted else Round.objects.all()
        initial["round"] = rounds.order_by("-starts_on").first()
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = Helper.objects.order_by("kind", "name").values_list("kind", "name").distinct()
        context["helper_names"] = {kind: [] for kind in Helper.Kind.values}
        for kind, name in names:
            context["helper_names"][kind].append(name)
        context["programme_of_round"] = {
            str(pk): kind for pk, kind in Round.objects.values_list("pk", "programme__kind")}
        return context

    def perform(self, form):
        data = form.cleaned_data
        chosen_round: Round = data["round"]
        if chosen_round.programme.kind == Programme.Kind.STUDENT:
            wanted = [(Helper.Kind.BRANCH, name) for name in form.branch_names()]
        else:
            wanted = [(Helper.Kind.OFFICIAL, data["official"]), (Helper.Kind.UNIT, data["unit"])]
        helpers = [services.helper_for(kind=kind, name=name) for kind, name in wanted]
        beneficiary = services.beneficiary_for(
            kind=data["beneficiary_kind"], worker=data.get("worker"),
            name=data.get("beneficiary_name", ""),
            description=data.get("beneficiary_description", ""),
        )
        return services.pairing_create(
            round_id=chosen_round.pk, beneficiary=beneficiary, helpers=helpers,
            paired_on=data["paired_on"], note=data["note"], by=self.request.user,
        )


class PairingExitView(RoleRequiredMixin, ServiceErrorsMixin, OptimisticLockMixin,
                      ServiceSaveMixin, UpdateView):
    """Record that a pair got out of poverty (脱贫) or ended, on a date."""

    roles = EDITORS
    form_class = PairingCloseForm
    template_name = "pairings/pairing_exit.html"
    context_object_name = "pairing"
    queryset = Pairing.objects.select_related("round__programme", "beneficiary__worker")
    success_message = _("Outcome recorded.")

    def get_object(self, queryset=None):
        pairing = super().get_object(queryset)
        self.already_closed = pairing.status != Pairing.Status.ACTIVE
        return pairing

    def get_context_data(self, **kwargs):
        return super().get_context_data(already_closed=self.already_closed, **kwargs)

    def get_initial(self):
        return {"status": Pairing.Status.EXITED}

    def perform(self, form):
        data = form.cleaned_data
        return services.pairing_close(
            pairing_id=self.object.pk, status=data["status"], closed_on=data["closed_on"],
            note=data["remark"], by=self.request.user,
        )


class PairingMixin:
    """Loads the pairing named in the URL."""

    def dispatch(self, request, *args, **kwargs):
        self.pairing = get_object_or_404(
            Pairing.objects.select_related("round__programme", "beneficiary__worker"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(pairing=self.pairing, **kwargs)


class ProjectCreateView(RoleRequiredMixin, PairingMixin, ServiceErrorsMixin,
                        IdempotentCreateMixin, ServiceSaveMixin, CreateView):
    roles = EDITORS
    form_class = ProjectForm
    template_name = "pairings/form.html"
    success_message = _("Project saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Project(pairing=self.pairing)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("New project for %(name)s") % {"name": self.pairing.beneficiary}, **kwargs)

    def perform(self, form):
        return services.project_create(pairing=self.pairing, by=self.request.user,
                                       **form.model_fields())


class ProjectUpdateView(RoleRequiredMixin, ServiceErrorsMixin, OptimisticLockMixin,
                        ServiceSaveMixin, UpdateView):
    roles = EDITORS
    form_class = ProjectForm
    template_name = "pairings/form.html"
    queryset = Project.objects.select_related("pairing__round__programme")
    extra_context = {"title": _("Edit project")}
    success_message = _("Project saved.")

    def perform(self, form):
        return services.project_update(project_id=self.object.pk, by=self.request.user,
                                       **form.model_fields())


class FundEntryCreateView(RoleRequiredMixin, ServiceErrorsMixin, IdempotentCreateMixin,
                          ServiceSaveMixin, CreateView):
    """A ledger line; ?round=, ?pairing=, ?project= and ?kind= preset the form."""

    roles = EDITORS
    form_class = FundEntryForm
    template_name = "pairings/form.html"
    extra_context = {"title": _("New fund entry")}
    success_message = _("Fund entry saved.")

    def round_id(self) -> int | None:
        value = self.request.POST.get("round") or self.request.GET.get("round", "")
        return Round.objects.by_param(value).values_list("pk", flat=True).first()

    def get_initial(self):
        initial = {"round": self.round_id()}
        for field in ("pairing", "project", "kind"):
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_id": self.round_id()}

    def perform(self, form):
        data = form.model_fields()
        return services.fund_entry_create(round_id=data.pop("round").pk, by=self.request.user,
                                          **data)


class FundEntryUpdateView(RoleRequiredMixin, ServiceErrorsMixin, OptimisticLockMixin,
                          ServiceSaveMixin, UpdateView):
    """Correct the amount, date or counterparty of a ledger line; the balance rule holds."""

    roles = EDITORS
    form_class = FundEntryEditForm
    template_name = "pairings/form.html"
    queryset = FundEntry.objects.select_related("round__programme", "pairing", "project")
    extra_context = {"title": _("Edit fund entry")}
    success_message = _("Fund entry saved.")

    def perform(self, form):
        return services.fund_entry_update(entry_id=self.object.pk, by=self.request.user,
                                          **form.model_fields())
