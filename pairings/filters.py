"""The filters of the pairing, project and fund lists (core.lists)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from core.lists import ListFilterSet, SortFilter
from core.text import ascii_int

from .models import Beneficiary, FundEntry, Pairing, PairingHelper, Project, Round


class RoundChoiceField(ModelChoiceField):
    """A round chosen from the list, or named in a link by its id or name (?round=第五轮)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = self.queryset.by_param(str(value)).first()
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found

    def prepare_value(self, value):
        if isinstance(value, str) and value and ascii_int(value) is None:  # a name: show it
            return self.queryset.by_param(value).values_list("pk", flat=True).first() or value
        return super().prepare_value(value)

    def label_from_instance(self, obj: Round) -> str:
        return f"{obj.name} · {obj.programme}"


class RoundFilter(django_filters.ModelChoiceFilter):
    field_class = RoundChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Round.objects.select_related("programme"))
        kwargs.setdefault("label", _("Round"))
        kwargs.setdefault("empty_label", _("All rounds"))
        super().__init__(*args, **kwargs)


class PairingFilterSet(ListFilterSet):
    round = RoundFilter()
    kind = django_filters.ChoiceFilter(
        field_name="beneficiary__kind", label=_("Beneficiary kind"),
        choices=Beneficiary.Kind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Pairing.Status.choices,
                                         empty_label=_("All"))
    q = django_filters.CharFilter(
        label=_("Search"), max_length=100, method="search",
        widget=forms.TextInput(attrs={"type": "search",
                                      "placeholder": _("Beneficiary or helper")}))
    sort = SortFilter(fields={"paired_on": "paired_on", "beneficiary_name": "beneficiary",
                              "injected": "injected"}, default="-paired_on")

    def search(self, queryset, _name, value):
        """A beneficiary's name (the worker's, from the archive) or a helper's name."""
        helper = PairingHelper.objects.filter(pairing=OuterRef("pk"),
                                              helper__name__icontains=value)
        return queryset.filter(
            Q(beneficiary__name__icontains=value)
            | Q(beneficiary__worker__name__icontains=value)
            | Exists(helper)
        )


class ProjectFilterSet(ListFilterSet):
    round = RoundFilter(field_name="pairing__round")
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Project.Sector.choices,
                                         empty_label=_("All sectors"))


class FundEntryFilterSet(ListFilterSet):
    round = RoundFilter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FundEntry.Kind.choices,
                                       empty_label=_("All kinds"))
