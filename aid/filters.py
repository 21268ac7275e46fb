"""The filters of the aid lists (core.lists FilterSets): the same filters drive a list, its
totals and its export."""

from datetime import date

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, ModelChoiceFilter

from core.forms import DATE_INPUT
from core.lists import DateFilter, ListFilterSet, SortFilter
from unions.models import Union

from .figures import reported_from, reported_to
from .models import AidCase, Campaign, FundSource, HardshipWorker
from .validators import normalize_id_number

# Besides the kinds and statuses themselves: the groups the summary counts by.
RELIEF = "relief"
COUNTED, PENDING = "counted", "pending"
KIND_CHOICES = [*AidCase.Kind.choices, (RELIEF, _("All relief (living, medical, education)"))]
STATUS_CHOICES = [*AidCase.Status.choices,
                  (COUNTED, _("Counted (approved or paid)")),
                  (PENDING, _("Pending (draft or submitted)"))]
SEARCH_HINT = _("Name or last digits of the ID number")


def worker_matches(prefix: str, text: str) -> Q:
    """Search words: digits (and X) match the end of the ID number, anything else the name."""
    text = normalize_id_number(text)
    if text and all(ch in "0123456789X" for ch in text):
        return Q(**{f"{prefix}id_number__endswith": text})
    return Q(**{f"{prefix}name__icontains": text.strip()})


class QuickSelect(forms.Select):
    """A <select> built without a template per option: the same markup, but fast with the
    thousands of options of a province's union registry."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (str(key), SELECTED if str(key) in selected else "", label)
            for key, label in self.choices))
        return format_html('<select name="{}"{}>{}</select>', name,
                           flatatt(self.build_attrs(self.attrs, attrs)), options)


SELECTED = mark_safe(" selected")


def union_filter(field_name: str) -> ModelChoiceFilter:
    return ModelChoiceFilter(field_name=field_name, label=_("union"), widget=QuickSelect,
                             queryset=Union.objects.order_by("name").only("pk", "name"),
                             empty_label=_("All unions"))


class CaseFilterSet(ListFilterSet):
    """The case list's filters; the same parameters drive the list, its totals and the export."""

    start = DateFilter(field_name="granted_on", lookup_expr="gte", label=_("granted from"),
                       widget=DATE_INPUT)
    end = DateFilter(field_name="granted_on", lookup_expr="lte", label=_("granted to"),
                     widget=DATE_INPUT)
    # The summary's rule (aid.figures): visits by their campaign's end, the rest by date.
    reported_from = DateFilter(label=_("reported from"), method="filter_reported_from",
                               widget=DATE_INPUT)
    reported_to = DateFilter(label=_("reported to"), method="filter_reported_to", widget=DATE_INPUT)
    kind = ChoiceFilter(label=_("kind"), choices=KIND_CHOICES, method="filter_kind",
                        empty_label=_("All kinds"))
    status = ChoiceFilter(label=_("status"), choices=STATUS_CHOICES, method="filter_status",
                          empty_label=_("All statuses"))
    campaign = ModelChoiceFilter(label=_("campaign"), queryset=Campaign.objects.all(),
                                 empty_label=_("All campaigns"))
    union = union_filter("worker__union")
    # By name: the summary's "funds by source" figures link here (aid.figures.AidLinks).
    fund_source = ModelChoiceFilter(label=_("fund source"), to_field_name="name",
                                    queryset=FundSource.objects.order_by("name"),
                                    empty_label=_("All fund sources"))
    q = CharFilter(label=_("worker"), max_length=50, method="filter_worker",
                   widget=forms.TextInput(attrs={"placeholder": SEARCH_HINT}))
    sort = SortFilter(fields={"granted_on": "granted", "amount": "amount",
                              "worker__name": "worker", "status": "status"},
                      default="-granted")

    def filter_reported_from(self, queryset: QuerySet, _name: str, value: date) -> QuerySet:
        return queryset.filter(reported_from(value))

    def filter_reported_to(self, queryset: QuerySet, _name: str, value: date) -> QuerySet:
        return queryset.filter(reported_to(value))

    def filter_kind(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        if value == RELIEF:
            return queryset.relief()
        return queryset.filter(kind=value)

    def filter_status(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        if value == COUNTED:
            return queryset.counted()
        if value == PENDING:
            return queryset.pending()
        return queryset.filter(status=value)

    def filter_worker(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(worker_matches("worker__", value))


class WorkerFilterSet(ListFilterSet):
    """The worker list's search (also the case form's worker box): name or ID digits, union."""

    q = CharFilter(label=SEARCH_HINT, max_length=50, method="filter_worker",
                   widget=forms.TextInput(attrs={"type": "search", "placeholder": SEARCH_HINT,
                                                 "autofocus": True}))
    union = union_filter("union")
    sort = SortFilter(fields={"name": "name", "union__name": "union",
                              "registered_on": "registered", "hardship_level": "level"},
                      default="name")

    def filter_worker(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(worker_matches("", value))


class CampaignWorkerFilterSet(ListFilterSet):
    """The workers offered on a campaign's batch page, by union and hardship level."""

    union = union_filter("union")
    level = ChoiceFilter(field_name="hardship_level", label=_("Hardship level"),
                         choices=HardshipWorker.HardshipLevel.choices,
                         empty_label=_("All hardship levels"))
