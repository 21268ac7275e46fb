from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT, DateField
from core.text import REASON_LENGTH, ascii_int
from unions.models import Union

from .models import AidCase, Campaign, FundSource, HardshipWorker
from .validators import normalize_bank_account, normalize_id_number


def active_unions(current: Union | None = None):
    """Unions a worker can belong to: active ones, and the worker's own even if dissolved."""
    condition = Q(dissolved_on__isnull=True)
    if current is not None:
        condition |= Q(pk=current.pk)
    return Union.objects.filter(condition).order_by("name")


class WorkerForm(forms.ModelForm):
    causes = forms.MultipleChoiceField(
        label=_("causes of hardship"), choices=HardshipWorker.Cause.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = HardshipWorker
        fields = ["name", "id_number", "phone", "union", "employer", "employment_status",
                  "hardship_level", "causes", "household_size", "income_per_capita",
                  "registered_on", "exited_on", "bank_name", "bank_account"]
        widgets = {"registered_on": DATE_INPUT, "exited_on": DATE_INPUT}
        help_texts = {"id_number": _("18 characters; date of birth and sex are read from it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_worker: HardshipWorker | None = None
        self.fields["union"].queryset = active_unions(
            self.instance.union if self.instance.union_id else None)
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off",
                                                      "spellcheck": "false"})
        if not self.instance.pk:
            self.fields["registered_on"].initial = timezone.localdate
        else:
            # The whole number is shown on the worker's page only: here it is typed again
            # when it must change, and left empty otherwise.
            field = self.fields["id_number"]
            field.required = False
            field.help_text = _("Leave empty to keep %(masked)s; type the whole number to "
                                "correct it.") % {"masked": self.instance.masked_id_number}
            self.initial["id_number"] = ""
            if self.instance.bank_account:  # the same for the bank account number
                account = self.fields["bank_account"]
                account.help_text = _("Leave empty to keep %(masked)s; type the whole number to "
                                      "change it.") % {"masked": self.instance.masked_bank_account}
                self.initial["bank_account"] = ""
        self.fields["bank_account"].widget.attrs.update({"autocomplete": "off",
                                                         "inputmode": "numeric"})

    def clean_bank_account(self) -> str:
        number = normalize_bank_account(self.cleaned_data["bank_account"])
        if not number and self.instance.pk:
            return self.instance.bank_account  # left empty: kept
        return number

    def clean_id_number(self) -> str:
        number = normalize_id_number(self.cleaned_data["id_number"])
        if not number and self.instance.pk:
            return self.instance.id_number
        existing = HardshipWorker.objects.filter(id_number=number).exclude(pk=self.instance.pk)
        self.existing_worker = existing.first()
        if self.existing_worker is not None:
            raise ValidationError(
                _("An archive with this ID number already exists: %(name)s. Open it instead of "
                  "creating a second one."), code="unique",
                params={"name": self.existing_worker.name})
        return number


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "starts_on", "ends_on", "standard_amount", "fund_source", "notes"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT,
                   "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.fund_source_id
        self.fields["fund_source"].queryset = FundSource.objects.filter(
            Q(active=True) | Q(pk=current)).order_by("name")


class CampaignSelect(forms.Select):
    """Each campaign option carries its standard amount and dates, for the case form's script."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        campaign = getattr(value, "instance", None)
        if campaign is not None:
            if campaign.standard_amount is not None:
                option["attrs"]["data-standard-amount"] = str(campaign.standard_amount)
            option["attrs"]["data-starts-on"] = campaign.starts_on.isoformat()
            option["attrs"]["data-ends-on"] = campaign.ends_on.isoformat()
        return option


class WorkerSearchInput(forms.TextInput):
    """The chosen worker's id, set by the search box beside it (aid/static/aid/case_form.js)."""

    template_name = "aid/widgets/worker_search.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        worker = None
        # The value comes back as typed when the form is shown again with errors: only a
        # plausible id is looked up (text or a 30-digit number would crash the query).
        pk = ascii_int(value)
        if pk is not None:
            worker = HardshipWorker.objects.select_related("union").filter(pk=pk).first()
        context["worker"] = worker
        return context


class CaseForm(forms.ModelForm):
    submit_now = forms.BooleanField(
        label=_("Submit for approval at once"), required=False,
        help_text=_("Otherwise the case is kept as a draft that you can still change."),
    )

    class Meta:
        model = AidCase
        fields = ["worker", "kind", "method", "campaign", "amount", "granted_on", "notes"]
        widgets = {
            "worker": WorkerSearchInput,
            "campaign": CampaignSelect,
            "method": forms.RadioSelect,
            "granted_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = AidCase.Method.choices
        self.fields["campaign"].queryset = Campaign.objects.order_by("-starts_on")
        self.fields["campaign"].empty_label = _("No campaign")
        self.fields["worker"].error_messages["required"] = _(
            "Choose a worker: type part of the name or the last digits of the ID number.")
        self.fields["amount"].widget.attrs.update({"min": "0.01", "step": "0.01"})
        if self.instance.pk:
            del self.fields["submit_now"]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=REASON_LENGTH,
                             widget=forms.TextInput)


class BatchVisitForm(forms.Form):
    """The common details of a campaign's visits; the workers are ticked in the table."""

    granted_on = DateField(label=_("granted on"))
    amount = forms.DecimalField(label=_("amount per visit (yuan)"), max_digits=14,
                                decimal_places=2, min_value=0.01)
    method = forms.ChoiceField(label=_("method"), choices=AidCase.Method.choices,
                               initial=AidCase.Method.HOME, widget=forms.RadioSelect)
    submit_now = forms.BooleanField(label=_("Submit for approval at once"), required=False,
                                    initial=True)
    workers = forms.ModelMultipleChoiceField(
        queryset=HardshipWorker.objects.all(), widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Tick at least one worker.")},
    )
