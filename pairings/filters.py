"""The filters of the pairing, project and fund lists (core.lists)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from aid.filters import worker_matches
from core.forms import DATE_INPUT
from core.lists import SEARCH_LABEL, DateFilter, ListFilterSet, SortFilter
from core.text import ascii_int

from .models import (
    Beneficiary,
    FundEntry,
    Pairing,
    PairingHelper,
    Programme,
    Project,
    Round,
)


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
    # The summary's dates (pairings.figures): pairs that exist on a day (an exited pair still
    # counts), pairs still helping on a day, pairs out of poverty by a day.
    on = DateFilter(label=_("Paired on the day"), method="counted_on",
                                   widget=DATE_INPUT)
    active_on = DateFilter(label=_("Still helped on the day"),
                                          method="still_active_on", widget=DATE_INPUT)
    exited_by = DateFilter(label=_("Out of poverty by"), method="out_by",
                                          widget=DATE_INPUT)
    kind = django_filters.ChoiceFilter(
        field_name="beneficiary__kind", label=_("Beneficiary kind"),
        choices=Beneficiary.Kind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Pairing.Status.choices,
                                         empty_label=_("All"))
    q = django_filters.CharFilter(
        label=SEARCH_LABEL, max_length=100, method="search",
        widget=forms.TextInput(attrs={"type": "search",
                                      "placeholder": _("Beneficiary or helper")}))
    sort = SortFilter(fields={"paired_on": "paired_on", "beneficiary_name": "beneficiary",
                              "injected": "injected"}, default="-paired_on")

    def counted_on(self, queryset, _name, value):
        return queryset.counted_on(value)

    def still_active_on(self, queryset, _name, value):
        return queryset.active_on(value)

    def out_by(self, queryset, _name, value):
        return queryset.filter(status=Pairing.Status.EXITED, closed_on__lte=value)

    def search(self, queryset, _name, value):
        """A beneficiary's name (the worker's, from the archive) or a helper's name."""
        helper = PairingHelper.objects.filter(pairing=OuterRef("pk"),
                                              helper__name__icontains=value)
        return queryset.filter(
            Q(beneficiary__name__icontains=value)
            | worker_matches("beneficiary__worker__", value)
            | Exists(helper)
        )


class ProjectFilterSet(ListFilterSet):
    round = RoundFilter(field_name="pairing__round")
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Project.Sector.choices,
                                         empty_label=_("All sectors"))
    end = DateFilter(label=_("Started by"), field_name="started_on",
                                    lookup_expr="lte", widget=DATE_INPUT)
    # A hardship worker's projects with start-up capital injected by a day (the summary's
    # "funded" projects, pairings.figures).
    funded_by = DateFilter(label=_("Workers' projects funded by"),
                                          method="funded", widget=DATE_INPUT)

    def funded(self, queryset, _name, value):
        injected = FundEntry.objects.filter(project=OuterRef("pk"), kind=FundEntry.Kind.INJECTED,
                                            entered_on__lte=value)
        return queryset.filter(Exists(injected),
                               pairing__beneficiary__kind=Beneficiary.Kind.WORKER)


class FundEntryFilterSet(ListFilterSet):
    round = RoundFilter()
    programme = django_filters.ChoiceFilter(
        label=_("Programme"), field_name="round__programme__kind",
        choices=Programme.Kind.choices, empty_label=_("All programmes"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FundEntry.Kind.choices,
                                       empty_label=_("All kinds"))
    start = DateFilter(label=_("From"), field_name="entered_on",
                                      lookup_expr="gte", widget=DATE_INPUT)
    end = DateFilter(label=_("To"), field_name="entered_on", lookup_expr="lte",
                                    widget=DATE_INPUT)
