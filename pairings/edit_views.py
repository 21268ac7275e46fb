"""Pages that write: staff and admins only; the rules run in services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, FormView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import Role

from . import services
from .forms import (
    FundEntryForm,
    PairingCloseForm,
    PairingCreateForm,
    ProjectForm,
    RoundForm,
    add_service_errors,
)
from .models import Helper, Pairing, Programme, Project, Round

EDITORS = (Role.STAFF, Role.ADMIN)


class RoundCreateView(RoleRequiredMixin, CreateView):
    roles = EDITORS
    form_class = RoundForm
    template_name = "pairings/form.html"
    extra_context = {"title": gettext_lazy("New round")}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Round saved."))
        return response


class PairingCreateView(RoleRequiredMixin, FormView):
    roles = EDITORS
    form_class = PairingCreateForm
    template_name = "pairings/pairing_form.html"

    def get_initial(self):
        initial = super().get_initial()
        chosen = Round.objects.by_param(self.request.GET.get("round", "")).first()
        if chosen:
            initial["round"] = chosen
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

    def form_valid(self, form):
        data = form.cleaned_data
        chosen_round: Round = data["round"]
        if chosen_round.programme.kind == Programme.Kind.STUDENT:
            wanted = [(Helper.Kind.BRANCH, name) for name in form.branch_names()]
        else:
            wanted = [(Helper.Kind.OFFICIAL, data["official"]), (Helper.Kind.UNIT, data["unit"])]
        try:
            helpers = [services.helper_for(kind=kind, name=name) for kind, name in wanted]
            beneficiary = services.beneficiary_for(
                kind=data["beneficiary_kind"], worker=data.get("worker"),
                name=data.get("beneficiary_name", ""),
                description=data.get("beneficiary_description", ""),
            )
            pairing = services.pairing_create(
                round_id=chosen_round.pk, beneficiary=beneficiary, helpers=helpers,
                paired_on=data["paired_on"], note=data["note"], by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Pairing saved."))
        return redirect(pairing)


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


class ProjectCreateView(RoleRequiredMixin, PairingMixin, CreateView):
    roles = EDITORS
    form_class = ProjectForm
    template_name = "pairings/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Project(pairing=self.pairing)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("New project for %(name)s") % {"name": self.pairing.beneficiary}, **kwargs)

    def form_valid(self, form):
        try:
            services.project_create(pairing=self.pairing, by=self.request.user,
                                    **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Project saved."))
        return redirect(self.pairing)


class PairingExitView(RoleRequiredMixin, PairingMixin, FormView):
    roles = EDITORS
    form_class = PairingCloseForm
    template_name = "pairings/pairing_exit.html"

    def get_initial(self):
        return {"version": self.pairing.version, "status": Pairing.Status.EXITED}

    def form_valid(self, form):
        try:
            services.pairing_close(pairing_id=self.pairing.pk, by=self.request.user,
                                   **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Outcome recorded."))
        return redirect(self.pairing)


class FundEntryCreateView(RoleRequiredMixin, CreateView):
    """A ledger line; ?round=, ?pairing=, ?project= and ?kind= preset the form."""

    roles = EDITORS
    form_class = FundEntryForm
    template_name = "pairings/form.html"
    extra_context = {"title": gettext_lazy("New fund entry")}

    def round_id(self) -> int | None:
        value = self.request.POST.get("round") or self.request.GET.get("round", "")
        chosen = Round.objects.by_param(value).values_list("pk", flat=True).first()
        return chosen

    def get_initial(self):
        initial = {"round": self.round_id()}
        for field in ("pairing", "project", "kind"):
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_id": self.round_id()}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            entry = services.fund_entry_create(
                round_id=data.pop("round").pk, by=self.request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Fund entry saved."))
        return redirect(entry)

