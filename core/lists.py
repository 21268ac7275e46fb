"""The one list machinery: a django-filter FilterSet, sorting, pagination and totals.

A list page is a `FilteredListView` with a `ListFilterSet`. The filtered queryset drives the page,
its totals (`get_totals`) and its export (`filtered_queryset`), so the three never disagree.
Templates get `filter` (the FilterSet, its form is `filter.form`), `sort` (the current sort key),
`list_query` (the query string without page and sort), `totals`, and include
`core/_pagination.html`; sortable headers are `{% sort_header "key" label %}` (core's `gonghui`
template tags).
"""

import hashlib
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters import DateFilter as BaseDateFilter
from django_filters import FilterSet, OrderingFilter
from django_filters.views import FilterView

from . import freshness
from .forms import DATE_INPUT, DateField, QuickSelect

SORT_PARAM = "sort"
# The label of every list's search box: the same word as the filter button (查询). With a
# context of its own: Django admin's "Search" (搜索) would otherwise win in the catalogues.
SEARCH_LABEL = pgettext_lazy("list search box", "Search")


def query_without(request, *names: str) -> str:
    """The request's query string without the given parameters (e.g. "page", "sort")."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def list_url(name: str, /, **filters: object) -> str:
    """A list page filtered: list_url("aid:case-list", kind="visit") -> "/aid/cases/?kind=visit".

    Empty filters (None, "") are left out; dates are written as ISO dates.
    """
    url = reverse(name)
    query = {key: value for key, value in filters.items() if value not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


class DateFilter(BaseDateFilter):
    """A date in a list's query string: `core.forms.DateField`, so within the typed-date range
    (core.dates) with the date picker limited to it; out of range, the list says so."""

    field_class = DateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DATE_INPUT)
        super().__init__(*args, **kwargs)


class SortFilter(OrderingFilter):
    """`?sort=key` or `?sort=-key` over the declared `fields` ({field or annotation: key}).

    Without a (valid) key the list is in its `default` order; `tie` fields (in the same
    direction) keep pages stable when values repeat. `nulls_last` puts rows without a value
    at the end in both directions.
    """

    def __init__(self, *args, default: str, tie: tuple[str, ...] = ("pk",),
                 nulls_last: bool = False, **kwargs):
        self.default, self.tie, self.nulls_last = default, tie, nulls_last
        kwargs.setdefault("label", _("Sort"))
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, **kwargs)

    def current(self, value) -> str:
        """The sort key in force: the valid one asked for, else the default."""
        return value[0] if value else self.default

    def filter(self, qs, value):
        key = self.current(value)
        descending = key.startswith("-")
        field = self.get_ordering_value(key).lstrip("-")
        fields = [field, *(name for name in self.tie if name != field)]
        if self.nulls_last:
            order = [F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
                     for name in fields]
        else:
            order = [f"-{name}" if descending else name for name in fields]
        return qs.order_by(*order)


class ListFilterSet(FilterSet):
    """Base of every list's filters.

    An unknown sort key falls back to the default order instead of emptying the list, and the
    widgets get Bootstrap's classes (the filter forms are rendered field by field).
    """

    def __init__(self, data=None, *args, **kwargs):
        sort = self.base_filters.get(SORT_PARAM)
        if data is not None and sort is not None and data.get(SORT_PARAM):
            allowed = {choice for choice, _label in sort.extra["choices"]}
            if data.get(SORT_PARAM) not in allowed:
                data = data.copy()
                data.pop(SORT_PARAM)
        super().__init__(data, *args, **kwargs)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                widget = field.widget
                if isinstance(widget, forms.HiddenInput):
                    continue
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", css)
                if type(widget) is forms.Select:  # the same markup, drawn without templates
                    quick = QuickSelect(attrs=widget.attrs)
                    quick.choices, quick.is_required = widget.choices, widget.is_required
                    field.widget = quick
        return self._form

    def rows(self) -> QuerySet:
        """The filtered rows; none while a filter is invalid (never an unfiltered list)."""
        if not self.is_bound or self.is_valid():
            return self.qs
        for name in self.form.errors:  # drawn red (core/_filter_field.html)
            if name in self.form.fields:
                attrs = self.form.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        return self.queryset.none()

    def sort_key(self) -> str:
        """The sort key in force ("" for a list without sorting)."""
        sort = self.filters.get(SORT_PARAM)
        if sort is None:
            return ""
        value = self.form.cleaned_data.get(SORT_PARAM) if self.is_valid() else None
        return sort.current(value)


class FilteredListView(FilterView):
    """A list of `filterset_class` over `get_queryset()`, paginated, with totals.

    An invalid filter shows its errors and an empty list (never an unfiltered one). Override
    `get_totals(queryset)` to sum the filtered rows; a `count` among the totals spares the
    paginator its own COUNT(*). Totals are cached per filtered query until the next write to the
    records they read (`cached_totals`).
    """

    paginate_by = 50
    template_name_suffix = "_list"

    def get_totals(self, queryset: QuerySet) -> dict | None:  # noqa: ARG002 (the hook)
        return None

    def cached_totals(self, queryset: QuerySet) -> dict | None:
        """`get_totals(queryset)`, cached per list, filtered query and data version
        (core.freshness: exact, recomputed after any write to the records they read)."""
        if type(self).get_totals is FilteredListView.get_totals:  # a list without totals
            return None
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:  # an invalid filter's empty list
            return self.get_totals(queryset)
        query = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        return freshness.cached(("totals", type(self).__qualname__, query),
                                lambda: self.get_totals(queryset))

    def filtered_queryset(self) -> QuerySet:
        """The filtered rows (for exports): what the list shows, every page."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        return self.filterset.rows()

    def get(self, _request, *args, **kwargs):
        self.object_list = self.filtered_queryset()
        self.totals = self.cached_totals(self.object_list)
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if self.totals and "count" in self.totals:
            paginator.count = self.totals["count"]
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            totals=self.totals, sort=self.filterset.sort_key(),
            list_query=query_without(self.request, "page", SORT_PARAM),
        )
        return context
