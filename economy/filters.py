"""The filters of the economy's lists, with the query parameters their links use."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter

from core.forms import DATE_INPUT, PeriodForm
from core.lists import SEARCH_LABEL, DateFilter, ListFilterSet, SortFilter
from unions.filters import union_matches
from unions.pickers import union_filter

from .models import Sector


class HouseholdFilterSet(ListFilterSet):
    """`?q=&sector=&union=&sort=`: search owner, business or union; sort by owner (default),
    start or grants."""

    q = CharFilter(label=SEARCH_LABEL, max_length=100, method="search")
    sector = ChoiceFilter(label=_("Sector"), choices=Sector.choices,
                          empty_label=_("All sectors"))
    union = union_filter("union", label=_("Union"))
    sort = SortFilter(fields={"owner": "owner", "started_on": "started_on",
                              "grant_total": "grants"}, default="owner")

    def search(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(Q(owner__icontains=value) | Q(business__icontains=value)
                               | union_matches(value, prefix="union__"))


class ReturnFilterSet(ListFilterSet):
    """`?start=&end=&sector=`: returns whose period lies within the dates, of one sector."""

    start = DateFilter(label=_("From"), field_name="period_start", lookup_expr="gte",
                       widget=DATE_INPUT)
    end = DateFilter(label=_("To"), field_name="period_end", lookup_expr="lte",
                     widget=DATE_INPUT)
    sector = ChoiceFilter(label=_("Sector"), choices=Sector.choices,
                          empty_label=_("All sectors"))

    class Meta:
        form = PeriodForm  # the end not before the start


class GrantFilterSet(ListFilterSet):
    """`?start=&end=`: grants made between the dates."""

    start = DateFilter(label=_("From"), field_name="granted_on", lookup_expr="gte",
                       widget=DATE_INPUT)
    end = DateFilter(label=_("To"), field_name="granted_on", lookup_expr="lte",
                     widget=DATE_INPUT)

    class Meta:
        form = PeriodForm  # the end not before the start
