from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT, DateField
from core.picker import pick_in
from core.text import REASON_LENGTH
from unions.models import Union
from unions.pickers import union_field

from .models import (
    MAX_HOUSEHOLD,
    AidCase,
    Campaign,
    FundSource,
    HardshipWorker,
    HomeSurvey,
    HouseholdMember,
    LivingStandard,
    NoticeObjection,
    PublicNotice,
    ReviewOutcome,
    ReviewRound,
)
from .pickers import worker_field
from .validators import normalize_bank_account, normalize_id_number

MEMBERS = "members"


def active_unions(current: Union | None = None):
    """Unions a worker can belong to: active ones, and the worker's own even if dissolved."""
    condition = Q(dissolved_on__isnull=True)
    if current is not None:
        condition |= Q(pk=current.pk)
    return Union.objects.filter(condition).order_by("name")


class MemberForm(forms.ModelForm):
    class Meta:
        model = HouseholdMember
        fields = ["name", "relation", "id_number", "health", "occupation", "monthly_income"]

    def clean_id_number(self) -> str:
        return normalize_id_number(self.cleaned_data.get("id_number") or "")


MemberFormSet = forms.inlineformset_factory(
    HardshipWorker, HouseholdMember, form=MemberForm, extra=2, max_num=MAX_HOUSEHOLD,
    validate_max=True, can_delete=True)


class WorkerForm(forms.ModelForm):
    """The household archive (the national form's fields) with its member table (`members`)."""

    secondary_causes = forms.MultipleChoiceField(
        label=_("secondary causes (up to three)"), choices=HardshipWorker.Cause.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = HardshipWorker
        fields = ["name", "id_number", "phone", "address", "union", "employer",
                  "employment_status", "hardship_level", "health", "disability_class",
                  "model_worker", "housing", "housing_area", "marital_status", "hukou",
                  "main_cause", "secondary_causes", "household_size", "own_monthly_income",
                  "other_annual_income", "above_line_reason", "registered_on", "bank_name",
                  "bank_account"]
        widgets = {"registered_on": DATE_INPUT}
        help_texts = {"id_number": _("18 characters; date of birth and sex are read from it."),
                      "household_size": _("The worker and every member living with them.")}

    def clean(self):
        cleaned = super().clean()
        members = self.members
        if members is None:  # a post without the member table keeps the members as they are
            count = self.instance.members.count() if self.instance.pk else 0
            income = self.instance.members_monthly_income
        elif not members.is_valid():
            raise ValidationError(_("Correct the household members below."), code="members")
        else:
            kept = [f.cleaned_data for f in members.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            count = len(kept)
            income = sum((row.get("monthly_income") or 0 for row in kept), Decimal(0))
        size = cleaned.get("household_size")
        if size is not None and size < count + 1:
            self.add_error("household_size", ValidationError(
                _("The household has at least %(size)s people: the worker and the %(count)s "
                  "members listed."), code="size_below_members",
                params={"size": count + 1, "count": count}))
            return cleaned
        self.instance.members_monthly_income = income
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            try:
                self.instance.check_living_line()
            except ValidationError as error:
                self._update_errors(error)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = None
        if not self.is_bound or f"{MEMBERS}-TOTAL_FORMS" in self.data:
            self.members = MemberFormSet(self.data if self.is_bound else None,
                                         instance=self.instance, prefix=MEMBERS)
        self.existing_worker: HardshipWorker | None = None
        pick_in(self, "union", union_field(
            active_unions(self.instance.union if self.instance.union_id else None),
            active_only=True))
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


class CaseForm(forms.ModelForm):
    submit_now = forms.BooleanField(
        label=_("Submit for approval at once"), required=False,
        help_text=_("Otherwise the case is kept as a draft that you can still change."),
    )

    class Meta:
        model = AidCase
        fields = ["worker", "kind", "method", "campaign", "amount", "granted_on", "notes"]
        widgets = {
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
        pick_in(self, "worker", worker_field())
        self.fields["worker"].error_messages["required"] = _(
            "Choose a worker: type part of the name, its pinyin or the last digits of the ID "
            "number.")
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

    ROW_DATE = "date_%d"  # each ticked worker's own date (empty: the batch's date)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.row_errors: dict[int, list[str]] = {}

    def row_date(self, pk: int) -> str:
        """The date typed in worker `pk`'s row, as typed."""
        return (self.data.get(self.ROW_DATE % pk) or "").strip() if self.is_bound else ""

    def clean(self) -> dict:
        cleaned = super().clean()
        dates = {}
        field = DateField(required=False)
        for worker in cleaned.get("workers") or ():
            try:
                day = field.clean(self.row_date(worker.pk))
            except ValidationError as error:
                self.row_errors[worker.pk] = error.messages
            else:
                if day is not None:
                    dates[worker.pk] = day
        if self.row_errors:
            raise ValidationError(_("Some dates are not valid: see beside the workers."),
                                  code="row_dates")
        cleaned["dates"] = dates
        return cleaned

# --- the archive procedure (aid.archive_services) ----------------------------------------------

class SurveyForm(forms.ModelForm):
    class Meta:
        model = HomeSurvey
        fields = ["surveyed_on", "surveyors", "findings"]
        widgets = {"surveyed_on": DATE_INPUT, "findings": forms.Textarea(attrs={"rows": 3})}


class NoticeForm(forms.ModelForm):
    class Meta:
        model = PublicNotice
        fields = ["starts_on", "ends_on", "place"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = NoticeObjection
        fields = ["raised_on", "content"]
        widgets = {"raised_on": DATE_INPUT, "content": forms.Textarea(attrs={"rows": 2})}


class ResolveForm(forms.Form):
    resolved_on = DateField(label=_("resolved on"))
    resolution = forms.CharField(label=_("resolution"), max_length=REASON_LENGTH,
                                 widget=forms.Textarea(attrs={"rows": 2}))


class ReviewRoundForm(forms.ModelForm):
    class Meta:
        model = ReviewRound
        fields = ["year"]


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = ReviewOutcome
        fields = ["worker", "decision", "new_level", "exit_reason", "surveyed_on", "notes"]
        widgets = {"surveyed_on": DATE_INPUT}

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if workers is not None:
            self.fields["worker"].queryset = workers

    def validate_unique(self):
        pass  # a second outcome for an archive corrects the first (archive_services)


class LivingStandardForm(forms.ModelForm):
    """The county's minimum-living line of a year (the first-run setup asks for this year's)."""

    legend = _("This year's minimum-living line")

    class Meta:
        model = LivingStandard
        fields = ["year", "monthly_amount"]
