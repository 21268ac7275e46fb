from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HeadcountReturn, Union


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnionForm(forms.ModelForm):
    class Meta:
        model = Union
        fields = ["name", "kind", "credit_code", "chair", "phone", "address", "established_on",
                  "joint_union"]
        widgets = {"established_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        joint = Union.objects.filter(kind=Union.Kind.JOINT, dissolved_on__isnull=True)
        if self.instance.pk:
            joint = joint.exclude(pk=self.instance.pk)
        self.fields["joint_union"].queryset = joint.order_by("name")

    def clean_credit_code(self) -> str:
        return self.cleaned_data["credit_code"].strip().upper()


class DissolveForm(forms.Form):
    dissolved_on = forms.DateField(label=_("Dissolved on"), widget=DateInput())
    confirm = forms.BooleanField(
        label=_("I confirm this union has been dissolved. It stays in the registry with its "
                "returns and no longer counts from this date."),
    )


class HeadcountReturnForm(forms.ModelForm):
    """The union is fixed by the page the form is opened from (shown, never posted)."""

    class Meta:
        model = HeadcountReturn
        fields = ["union", "as_of", "members", "employed", "laid_off", "joined"]
        widgets = {"as_of": DateInput()}

    def __init__(self, *args, union: Union, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.union = union
        field = self.fields["union"]
        field.disabled = True
        field.queryset = Union.objects.filter(pk=union.pk)
        self.initial["union"] = union.pk


class UnionFilterForm(forms.Form):
    """The list's query parameters; invalid values are ignored, not reported."""

    # Without a status the list shows the active unions.
    STATUS_CHOICES = [("active", _("Active")), ("dissolved", _("Dissolved")), ("all", _("All"))]
    GRASSROOTS = "grassroots"
    SORTS = ("name", "established_on", "members", "employed", "laid_off", "workers")

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    on = forms.DateField(label=_("Counts at"), required=False, widget=DateInput())
    founded_from = forms.DateField(label=_("Established from"), required=False,
                                   widget=DateInput())
    founded_to = forms.DateField(label=_("Established to"), required=False, widget=DateInput())
    sort = forms.ChoiceField(required=False, choices=[
        (f"{sign}{key}", key) for key in SORTS for sign in ("", "-")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("All kinds")),
            (self.GRASSROOTS, _("Grassroots unions (without the industry joint unions)")),
            *Union.Kind.choices,
        ]
        for field in self.fields.values():
            select = isinstance(field, forms.ChoiceField)
            field.widget.attrs["class"] = ("form-select form-select-sm" if select
                                           else "form-control form-control-sm")
