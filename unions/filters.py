"""The registry list's query parameters: search, kind, status, founding dates, and the
organisation indicators (elections overdue, contracts in force or expiring), at a date."""

from datetime import date

from django import forms
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter

from core.forms import DATE_INPUT
from core.lists import SEARCH_LABEL, DateFilter, ListFilterSet, SortFilter
from core.pinyin import clean_term, name_matches

from .models import HeadcountReturn, Union, UnionQuerySet, election_overdue, expiring, in_force
from .validators import normalize_credit_code

ACTIVE, DISSOLVED, ALL = "active", "dissolved", "all"
GRASSROOTS = "grassroots"  # a pseudo-kind: every kind but the industry joint unions
OVERDUE, NO_TERM = "overdue", "unknown"
IN_FORCE, EXPIRING, NONE = "in_force", "expiring", "none"
AGREEMENT_CHOICES = [(IN_FORCE, _("In force")),
                     (EXPIRING, _("Expiring within 90 days")),
                     (NONE, _("None in force"))]


def union_matches(text: str, prefix: str = "") -> Q:
    """A union by its name's characters or pinyin (core.pinyin.name_matches) or by characters
    of its credit code (a term with a digit)."""
    text = clean_term(text)
    found = name_matches(text, prefix=prefix)
    code = normalize_credit_code(text)
    if any(ch.isdigit() for ch in code):
        found |= Q(**{f"{prefix}credit_code__contains": code})
    return found


class LenientForm(forms.Form):
    """A value that does not validate is ignored as if absent, not reported: a hand-edited or
    outdated link (the summary's drill-downs) still lists the registry."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in [name for name in self._errors if name in self.fields]:
            del self._errors[name]


class UnionFilterSet(ListFilterSet):
    """The unions as the list's parameters say, each with its counts at the date `on`."""

    q = CharFilter(label=SEARCH_LABEL, max_length=100, method="search")
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
    election = ChoiceFilter(label=_("Committee election"), method="with_election",
                            empty_label=_("Any"),
                            choices=[(OVERDUE, _("Overdue")), (NO_TERM, _("Term not recorded"))])
    contract = ChoiceFilter(label=_("Collective contract"), method="with_agreement",
                            empty_label=_("Any"), choices=AGREEMENT_CHOICES)
    wage = ChoiceFilter(label=_("Wage agreement"), method="with_agreement",
                        empty_label=_("Any"), choices=AGREEMENT_CHOICES)
    # Members joined according to the returns dated within these dates (the summary's 新入会会员):
    # only unions with some are listed, each with that number.
    joined_from = DateFilter(label=_("Members joined from"), widget=DATE_INPUT,
                             method="with_joined")
    joined_to = DateFilter(label=_("Members joined to"), widget=DATE_INPUT, method="with_joined")
    # The admin's to-do (selectors.todos): no headcount return dated on or after this day.
    no_return_since = DateFilter(label=_("No headcount return since"), widget=DATE_INPUT,
                                 method="without_return_since")
    sort = SortFilter(fields={"name": "name", "established_on": "established_on",
                              "members_now": "members", "employed_now": "employed",
                              "laid_off_now": "laid_off", "workers_now": "workers",
                              "election_due_on": "election_due",
                              "contract_expires_on": "contract_expires",
                              "wage_agreement_expires_on": "wage_expires"},
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
        return queryset.filter(union_matches(value) | Q(chair__icontains=clean_term(value)))

    def of_kind(self, queryset: UnionQuerySet, _name: str, value: str) -> UnionQuerySet:
        return queryset.grassroots() if value == GRASSROOTS else queryset.filter(kind=value)

    def with_status(self, queryset: UnionQuerySet, _name: str, value: str) -> UnionQuerySet:
        if value == ACTIVE:
            return queryset.active_on(self.counts_on())
        if value == DISSOLVED:
            return queryset.dissolved_on_or_before(self.counts_on())
        return queryset

    def with_election(self, queryset: UnionQuerySet, _name: str, value: str) -> UnionQuerySet:
        if value == OVERDUE:
            return queryset.filter(election_overdue(self.counts_on()))
        return queryset.filter(election_due_on__isnull=True)

    def with_agreement(self, queryset: UnionQuerySet, name: str, value: str) -> UnionQuerySet:
        prefix = {"contract": "contract", "wage": "wage_agreement"}[name]
        day = self.counts_on()
        if value == IN_FORCE:
            return queryset.filter(in_force(prefix, day))
        if value == EXPIRING:
            return queryset.filter(expiring(prefix, day))
        return queryset.exclude(in_force(prefix, day))

    def shows(self, name: str) -> str:
        """The valid value of filter `name` in force, or "" (the template's extra columns)."""
        return (self.form.cleaned_data.get(name) or "") if self.is_valid() else ""

    def counted_at(self, queryset: UnionQuerySet, _name: str, _value: date) -> UnionQuerySet:
        return queryset  # the date of the counts, applied before any filter (filter_queryset)

    def without_return_since(self, queryset: UnionQuerySet, _name: str,
                             value: date) -> UnionQuerySet:
        return queryset.filter(Q(counts_as_of__isnull=True) | Q(counts_as_of__lt=value))

    def joined_between(self) -> tuple[date | None, date | None] | None:
        """The dates of `joined_from`/`joined_to` when either is given, else None."""
        data = self.form.cleaned_data if self.is_valid() else {}
        bounds = (data.get("joined_from"), data.get("joined_to"))
        return bounds if any(bounds) else None

    def with_joined(self, queryset: UnionQuerySet, name: str, _value: date) -> UnionQuerySet:
        if name == "joined_to" and self.form.cleaned_data.get("joined_from"):
            return queryset  # both bounds are applied once, by joined_from
        start, end = self.joined_between()
        returns = HeadcountReturn.objects.filter(union=OuterRef("pk"))
        if start:
            returns = returns.filter(as_of__gte=start)
        if end:
            returns = returns.filter(as_of__lte=end)
        joined = returns.order_by().values("union").annotate(total=Sum("joined")).values("total")
        return queryset.annotate(joined_in=Coalesce(Subquery(joined), 0)).filter(joined_in__gt=0)
