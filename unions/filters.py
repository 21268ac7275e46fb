"""The registry list's query parameters: search, kind, status and founding dates at a date."""

from datetime import date

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter

from core.forms import DATE_INPUT
from core.lists import DateFilter, ListFilterSet, SortFilter

from .models import Union, UnionQuerySet

ACTIVE, DISSOLVED, ALL = "active", "dissolved", "all"
GRASSROOTS = "grassroots"  # a pseudo-kind: every kind but the industry joint unions


class LenientForm(forms.Form):
    """A value that does not validate is ignored as if absent, not reported: a hand-edited or
    outdated link (the summary's drill-downs) still lists the registry."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in [name for name in self._errors if name in self.fields]:
            del self._errors[name]


class UnionFilterSet(ListFilterSet):
    """The unions as the list's parameters say, each with its counts at the date `on`."""

    q = CharFilter(label=_("Search"), max_length=100, method="search")
    kind = ChoiceFilter(
        label=_("kind"), method="of_kind", empty_label=_("All kinds"),
        choices=[(GRASSROOTS, _("Grassroots unions (without the industry joint unions)")),
                 *Union.Kind.choices])
    # Without a (valid) status the list shows the active unions.
    status = ChoiceFilter(label=_("Status"), method="with_status", empty_label=None,
                          choices=[(ACTIVE, _("Active")), (DISSOLVED, _("Dissolved")),
                                   (ALL, _("All"))])
    on = DateFilter(label=_("Counts at"), widget=DATE_INPUT, method="counted_at")
    founded_from = DateFilter(label=_("Established from"), widget=DATE_INPUT,
                              field_name="established_on", lookup_expr="gte")
    founded_to = DateFilter(label=_("Established to"), widget=DATE_INPUT,
                            field_name="established_on", lookup_expr="lte")
    sort = SortFilter(fields={"name": "name", "established_on": "established_on",
                              "members_now": "members", "employed_now": "employed",
                              "laid_off_now": "laid_off", "workers_now": "workers"},
                      default="name", tie=("name",), nulls_last=True)

    class Meta:
        form = LenientForm

    def __init__(self, data: QueryDict | None = None, *args: object, **kwargs: object) -> None:
        # Always bound, so that the default status and the counts apply to the bare list too.
        data = (data or QueryDict()).copy()
        if data.get("status") not in (ACTIVE, DISSOLVED, ALL):
            data["status"] = ACTIVE
        super().__init__(data, *args, **kwargs)

    def counts_on(self) -> date:
        """The date of the counts: the `on` parameter, else today."""
        return (self.form.cleaned_data.get("on") if self.is_valid() else None) or (
            timezone.localdate())

    def filter_queryset(self, queryset: UnionQuerySet) -> UnionQuerySet:
        # The counts come first: the sort and the totals read them.
        return super().filter_queryset(queryset.with_counts_on(self.counts_on()))

    def search(self, queryset: UnionQuerySet, _name: str, value: str) -> UnionQuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__iexact=value)
                               | Q(chair__icontains=value))

    def of_kind(self, queryset: UnionQuerySet, _name: str, value: str) -> UnionQuerySet:
        return queryset.grassroots() if value == GRASSROOTS else queryset.filter(kind=value)

    def with_status(self, queryset: UnionQuerySet, _name: str, value: str) -> UnionQuerySet:
        if value == ACTIVE:
            return queryset.active_on(self.counts_on())
        if value == DISSOLVED:
            return queryset.dissolved_on_or_before(self.counts_on())
        return queryset

    def counted_at(self, queryset: UnionQuerySet, _name: str, _value: date) -> UnionQuerySet:
        return queryset  # the date of the counts, applied before any filter (filter_queryset)
