from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT
from core.picker import pick_in
from unions.pickers import union_field

from .models import AnnualTarget, Household, SupportGrant, ValueAddedReturn


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["owner", "owner_status", "union", "sector", "business", "started_on",
                  "closed_on", "phone", "address"]
        widgets = {"started_on": DATE_INPUT, "closed_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pick_in(self, "union", union_field())


class ReturnForm(forms.ModelForm):
    class Meta:
        model = ValueAddedReturn
        fields = ["union", "household", "sector", "period_start", "period_end", "value_added",
                  "note"]
        widgets = {"period_start": DATE_INPUT, "period_end": DATE_INPUT}
        help_texts = {
            "union": _("Either the reporting union…"),
            "household": _("…or the reporting household."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pick_in(self, "union", union_field())
        self.fields["household"].queryset = Household.objects.order_by("owner", "pk")


class TargetForm(forms.ModelForm):
    class Meta:
        model = AnnualTarget
        fields = ["year", "value_added", "note"]


class GrantForm(forms.ModelForm):
    class Meta:
        model = SupportGrant
        fields = ["household", "amount", "granted_on", "purpose"]
        widgets = {"granted_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.order_by("owner", "pk")

