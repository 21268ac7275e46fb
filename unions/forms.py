from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT, DateField

from .models import HeadcountReturn, Union
from .validators import normalize_credit_code


class UnionForm(forms.ModelForm):
    class Meta:
        model = Union
        fields = ["name", "kind", "credit_code", "chair", "phone", "address", "established_on",
                  "joint_union", "legal_person", "committee_elected_on", "committee_term_years",
                  "contract_signed_on", "contract_expires_on", "wage_agreement_signed_on",
                  "wage_agreement_expires_on"]
        widgets = {name: DATE_INPUT for name in (
            "established_on", "committee_elected_on", "contract_signed_on",
            "contract_expires_on", "wage_agreement_signed_on", "wage_agreement_expires_on")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        joint = Union.objects.filter(kind=Union.Kind.JOINT, dissolved_on__isnull=True)
        if self.instance.pk:
            joint = joint.exclude(pk=self.instance.pk)
        self.fields["joint_union"].queryset = joint.order_by("name")

    def clean_credit_code(self) -> str:
        return normalize_credit_code(self.cleaned_data["credit_code"])


class DissolveForm(forms.Form):
    """The date and a confirmation; the union's version rides along (core.locking)."""

    dissolved_on = DateField(label=_("Dissolved on"))
    confirm = forms.BooleanField(
        label=_("I confirm this union has been dissolved. It stays in the registry with its "
                "returns and no longer counts from this date."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HeadcountReturnForm(forms.ModelForm):
    """The union is fixed by the page the form is opened from (shown, never posted)."""

    class Meta:
        model = HeadcountReturn
        fields = ["union", "as_of", "members", "employed", "laid_off", "joined",
                  "female_members", "migrant_members"]
        widgets = {"as_of": DATE_INPUT}

    def __init__(self, *args, union: Union, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.union = union
        field = self.fields["union"]
        field.disabled = True
        field.queryset = Union.objects.filter(pk=union.pk)
        self.initial["union"] = union.pk
