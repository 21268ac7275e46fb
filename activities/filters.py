"""The filters of the activity list, with the query parameters its links use."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter

from core.forms import DATE_INPUT, PeriodForm
from core.lists import SEARCH_LABEL, DateFilter, ListFilterSet

from .models import Activity


class ActivityFilterSet(ListFilterSet):
    """`?start=&end=&kind=&q=`: all optional, the end not before the start."""

    start = DateFilter(label=_("From"), field_name="held_on", lookup_expr="gte",
                       widget=DATE_INPUT)
    end = DateFilter(label=_("To"), field_name="held_on", lookup_expr="lte", widget=DATE_INPUT)
    kind = ChoiceFilter(label=_("Kind"), choices=Activity.Kind.choices,
                        empty_label=_("All kinds"))
    q = CharFilter(label=SEARCH_LABEL, max_length=100, method="search")

    class Meta:
        form = PeriodForm  # the end not before the start

    def search(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(cup__icontains=value)
                               | Q(co_organisers__icontains=value) | Q(awards__icontains=value))
