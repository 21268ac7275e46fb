"""Forms of aid money: sources, allocations, kind defaults, batches, bulk decisions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT, DateField
from core.text import REASON_LENGTH

from .funds_models import FundAllocation, FundSource, PaymentBatch
from .models import AidCase


class FundSourceForm(forms.ModelForm):
    class Meta:
        model = FundSource
        fields = ["name", "kind", "active", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class FundAllocationForm(forms.ModelForm):
    class Meta:
        model = FundAllocation
        fields = ["year", "amount", "received_on", "document_number", "notes"]
        widgets = {"received_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
            self.fields["received_on"].initial = timezone.localdate
        self.fields["amount"].widget.attrs.update({"min": "0.01", "step": "0.01"})


def source_choice(required: bool = False, label=None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label or _("fund source"), required=required,
        queryset=FundSource.objects.filter(active=True).order_by("name"),
        empty_label=_("Each case's default (campaign, then kind)"))


class KindDefaultsForm(forms.Form):
    """The default source of each kind of case (a campaign's own default comes first)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in AidCase.Kind.choices:
            field = source_choice(label=label)
            field.empty_label = _("None")
            self.fields[kind] = field


class BulkDecisionForm(forms.Form):
    """The queue's ticked cases and what to do with them."""

    APPROVE, REJECT = "approve", "reject"
    action = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))])
    # Any case: one decided meanwhile is reported on its own, the others still decided.
    cases = forms.ModelMultipleChoiceField(
        queryset=AidCase.objects.all(), error_messages={"required": _("Tick at least one case.")})
    fund_source = source_choice()
    reason = forms.CharField(label=_("Reason for rejection"), max_length=REASON_LENGTH,
                             required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == self.REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the cases are rejected."))
        return data


class BatchCreateForm(forms.ModelForm):
    """A batch's name and method; the cases are ticked in the page's table."""

    cases = forms.ModelMultipleChoiceField(
        queryset=AidCase.objects.filter(status=AidCase.Status.APPROVED),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Tick at least one case.")})

    class Meta:
        model = PaymentBatch
        fields = ["name", "method"]
        widgets = {"method": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = PaymentBatch.Method.choices
        self.fields["method"].initial = PaymentBatch.Method.BANK


class BatchPayForm(forms.Form):
    paid_on = DateField(label=_("paid on"))
    note = forms.CharField(label=_("confirmation"), max_length=REASON_LENGTH, required=False,
                           help_text=_("e.g. the bank's reference or who brought the signed "
                                       "sheet back."))

    def clean_paid_on(self):
        day = self.cleaned_data["paid_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date paid cannot be in the future."))
        return day


class LineFailForm(forms.Form):
    reason = forms.CharField(label=_("Why it failed"), max_length=REASON_LENGTH)


class StatementForm(forms.Form):
    start = DateField(label=_("From"))
    end = DateField(label=_("To"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("The end is before the start."))
        return data
