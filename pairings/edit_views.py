"""Pages that write: staff and admins only; each saves through its service (services.py).

`RecordCreateView` and `RecordUpdateView` (core.edit) give every form its submission token or
version, run `save(form)` in one transaction and show a rule the service refuses on the form.
"""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS
from core.edit import RecordCreateView, RecordUpdateView

from . import selectors, services
from .forms import (
    FundEntryEditForm,
    FundEntryForm,
    PairingCloseForm,
    PairingCreateForm,
    ProjectForm,
    RoundForm,
)
from .models import FundEntry, Helper, Pairing, Programme, Project, Round


class RoundCreateView(RoleRequiredMixin, RecordCreateView):
    roles = EDITORS
    form_class = RoundForm
    template_name = "pairings/form.html"
    extra_context = {"title": _("New round")}
    success_message = _("Round saved.")

    def save(self, form):
        return services.round_create(by=self.request.user, **form.model_fields())


class RoundUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    model = Round
    form_class = RoundForm
    template_name = "pairings/form.html"
    extra_context = {"title": _("Edit round")}
    success_message = _("Round saved.")

    def save(self, form):
        data = form.cleaned_data
        return services.round_update(
            round_id=self.object.pk, name=data["name"], starts_on=data["starts_on"],
            ends_on=data["ends_on"], exit_target=data["exit_target"], by=self.request.user)


class PairingCreateView(RoleRequiredMixin, RecordCreateView):
    """A new pair; ?round= (its id or name) presets the round."""

    roles = EDITORS
    form_class = PairingCreateForm
    template_name = "pairings/pairing_form.html"
    success_message = _("Pairing saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)  # a plain form: the service makes the records
        return kwargs

    def get_initial(self):
        wanted = self.request.GET.get("round", "")
        rounds = Round.objects.by_param(wanted) if wanted else Round.objects.all()
        return {"round": rounds.order_by("-starts_on").first()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(helper_names=selectors.helper_names(),
                                        programme_of_round=selectors.programme_of_round(),
                                        **kwargs)

    def save(self, form):
        data, by = form.cleaned_data, self.request.user
        chosen_round: Round = data["round"]
        if chosen_round.programme.kind == Programme.Kind.STUDENT:
            wanted = [(Helper.Kind.BRANCH, name) for name in form.branch_names()]
        else:
            wanted = [(Helper.Kind.OFFICIAL, data["official"]), (Helper.Kind.UNIT, data["unit"])]
        helpers = [services.helper_for(kind=kind, name=name, by=by) for kind, name in wanted]
        beneficiary = services.beneficiary_for(
            kind=data["beneficiary_kind"], worker=data.get("worker"),
            name=data.get("beneficiary_name", ""),
            description=data.get("beneficiary_description", ""), by=by,
        )
        return services.pairing_create(
            round_id=chosen_round.pk, beneficiary=beneficiary, helpers=helpers,
            paired_on=data["paired_on"], note=data["note"], by=by,
        )


class PairingExitView(RoleRequiredMixin, RecordUpdateView):
    """Record that a pair got out of poverty (脱贫) or ended, on a date."""

    roles = EDITORS
    form_class = PairingCloseForm
    template_name = "pairings/pairing_exit.html"
    context_object_name = "pairing"
    queryset = Pairing.objects.select_related("round__programme", "beneficiary__worker")
    success_message = _("Outcome recorded.")

    def get_object(self, queryset=None):
        pairing = super().get_object(queryset)
        self.already_closed = pairing.status != Pairing.Status.ACTIVE  # before the form edits it
        return pairing

    def get_context_data(self, **kwargs):
        return super().get_context_data(already_closed=self.already_closed, **kwargs)

    def get_initial(self):
        return {"status": Pairing.Status.EXITED}

    def save(self, form):
        data = form.cleaned_data
        return services.pairing_close(
            pairing_id=self.object.pk, status=data["status"], closed_on=data["closed_on"],
            note=data["remark"], by=self.request.user,
        )


class ProjectCreateView(RoleRequiredMixin, RecordCreateView):
    """A new project of the pair in the URL."""

    roles = EDITORS
    form_class = ProjectForm
    template_name = "pairings/form.html"
    success_message = _("Project saved.")

    @cached_property
    def pairing(self) -> Pairing:
        return get_object_or_404(
            Pairing.objects.select_related("round__programme", "beneficiary__worker"),
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Project(pairing=self.pairing)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pairing=self.pairing,
            title=_("New project for %(name)s") % {"name": self.pairing.beneficiary}, **kwargs)

    def save(self, form):
        return services.project_create(pairing=self.pairing, by=self.request.user,
                                       **form.model_fields())


class ProjectUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    form_class = ProjectForm
    template_name = "pairings/form.html"
    queryset = Project.objects.select_related("pairing__round__programme")
    extra_context = {"title": _("Edit project")}
    success_message = _("Project saved.")

    def save(self, form):
        return services.project_update(project_id=self.object.pk, by=self.request.user,
                                       **form.model_fields())


class FundEntryCreateView(RoleRequiredMixin, RecordCreateView):
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

    def save(self, form):
        data = form.model_fields()
        return services.fund_entry_create(round_id=data.pop("round").pk, by=self.request.user,
                                          **data)


class FundEntryUpdateView(RoleRequiredMixin, RecordUpdateView):
    """Correct the amount, date or counterparty of a ledger line; the balance rule holds."""

    roles = EDITORS
    form_class = FundEntryEditForm
    template_name = "pairings/form.html"
    queryset = FundEntry.objects.select_related("round__programme", "pairing", "project")
    extra_context = {"title": _("Edit fund entry")}
    success_message = _("Fund entry saved.")

    def save(self, form):
        return services.fund_entry_update(entry_id=self.object.pk, by=self.request.user,
                                          **form.model_fields())
