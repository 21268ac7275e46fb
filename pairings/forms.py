from django import forms
from django.utils.translation import gettext_lazy as _

from aid.models import HardshipWorker
from aid.pickers import worker_field
from core.forms import DATE_INPUT, DateField
from core.text import NOTE_LENGTH, REASON_LENGTH, validate_name

from .models import Beneficiary, FundEntry, Pairing, Programme, Project, Round


class ModelFieldsMixin:
    """`model_fields()`: the cleaned values of the model's fields only (no version, no token)."""

    def model_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class RoundForm(ModelFieldsMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["programme", "name", "starts_on", "ends_on", "exit_target"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a round keeps its programme: its pairs and ledger belong to it
            self.fields["programme"].disabled = True


class PairingCreateForm(forms.Form):
    """A new pair: the round, the beneficiary (from the archive or by name), its helpers."""

    round = forms.ModelChoiceField(
        label=_("Round"), queryset=Round.objects.select_related("programme"))
    beneficiary_kind = forms.ChoiceField(label=_("Beneficiary kind"),
                                         choices=Beneficiary.Kind.choices)
    worker = worker_field(
        HardshipWorker.objects.filter(exited_on__isnull=True).order_by("name", "pk"),
        current_only=True, label=_("Hardship worker"), required=False,
        help_text=_("For a hardship worker: chosen from the archive."),
    )
    beneficiary_name = forms.CharField(
        label=_("Name of the base or student"), max_length=100, required=False,
        validators=[validate_name])
    beneficiary_description = forms.CharField(
        label=_("Description"), max_length=200, required=False,
        help_text=_("A base's place and trade, or a student's school and grade."))
    official = forms.CharField(label=_("Division-level official"), max_length=100,
                               required=False, validators=[validate_name])
    unit = forms.CharField(label=_("Helping unit"), max_length=100, required=False,
                           validators=[validate_name])
    branches = forms.CharField(
        label=_("Party branches"), required=False, max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For student aid: one party branch per line."))
    paired_on = DateField(label=_("Paired on"))
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        kind = data.get("beneficiary_kind")
        chosen_round = data.get("round")
        if kind == Beneficiary.Kind.WORKER:
            if not data.get("worker"):
                self.add_error("worker", _("Choose the hardship worker."))
        elif kind and not data.get("beneficiary_name", "").strip():
            self.add_error("beneficiary_name", _("Give the name of the base or student."))
        if chosen_round is None:
            return data
        if kind and kind not in chosen_round.programme.beneficiary_kinds:
            self.add_error("beneficiary_kind", _("This programme does not pair this kind."))
        if chosen_round.programme.kind == Programme.Kind.STUDENT:
            if not self.branch_names():
                self.add_error("branches", _("Name at least one party branch."))
        else:
            for field in ("official", "unit"):
                if not data.get(field, "").strip():
                    self.add_error(field, _("Each pair has one official and one unit."))
        return data

    def clean_branches(self) -> str:
        """Each line names a party branch: a name that shows (core.text.validate_name)."""
        branches = self.cleaned_data["branches"]
        for line in branches.splitlines():
            if line.strip():
                validate_name(line.strip())
        return branches

    def branch_names(self) -> list[str]:
        lines = (self.cleaned_data.get("branches") or "").splitlines()
        return list(dict.fromkeys(line.strip() for line in lines if line.strip()))


class PairingCloseForm(forms.ModelForm):
    """The outcome of a pair: out of poverty or ended, on a date."""

    status = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[(Pairing.Status.EXITED, _("Out of poverty")), (Pairing.Status.ENDED, _("Ended"))],
    )
    closed_on = DateField(label=_("On"))
    remark = forms.CharField(label=_("Remark"), required=False, max_length=REASON_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Added to the pairing's note."))

    class Meta:
        model = Pairing
        fields = ["status", "closed_on"]


class ProjectForm(ModelFieldsMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["sector", "name", "started_on", "note"]
        widgets = {"started_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}


class PairingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pairing) -> str:
        return f"{obj.round.name} · {obj.beneficiary.display_name}"


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Project) -> str:
        return f"{obj.name} · {obj.pairing.beneficiary.display_name} ({obj.pairing.round.name})"


class FundEntryForm(ModelFieldsMixin, forms.ModelForm):
    """A ledger line; the choices of pairing and project narrow to the round when it is known."""

    pairing = PairingChoiceField(
        label=_("Pairing"), required=False,
        queryset=Pairing.objects.select_related("round", "beneficiary__worker"),
        help_text=_("For a disbursement: the pair whose beneficiary receives the money."))
    project = ProjectChoiceField(
        label=_("Project"), required=False,
        queryset=Project.objects.select_related("pairing__round", "pairing__beneficiary__worker"),
        help_text=_("For an injection of start-up capital: the project that receives it."))

    class Meta:
        model = FundEntry
        fields = ["round", "kind", "amount", "entered_on", "pairing", "project", "counterparty",
                  "note"]
        widgets = {"entered_on": DATE_INPUT}

    def __init__(self, *args, round_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = Round.objects.select_related("programme")
        if round_id:
            self.fields["pairing"].queryset = self.fields["pairing"].queryset.filter(
                round_id=round_id)
            self.fields["project"].queryset = self.fields["project"].queryset.filter(
                pairing__round_id=round_id)


class FundEntryEditForm(ModelFieldsMixin, forms.ModelForm):
    """A correction: the round, kind, pair and project of a line stay as they are."""

    class Meta:
        model = FundEntry
        fields = ["amount", "entered_on", "counterparty", "note"]
        widgets = {"entered_on": DATE_INPUT}
