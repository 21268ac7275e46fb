"""The filters of the aid lists (core.lists FilterSets): the same filters drive a list, its
totals and its export."""

from datetime import date

from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Reverse
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, ModelChoiceFilter

from core.forms import DATE_INPUT
from core.lists import DateFilter, ListFilterSet, SortFilter
from core.pinyin import clean_term, name_matches
from unions.pickers import union_filter

from .figures import open_on, overdue_on, reported_from, reported_to, with_reviewed
from .models import AidCase, ArchiveSpell, Campaign, FundSource, HardshipWorker
from .validators import normalize_id_number

# Besides the kinds and statuses themselves: the groups the summary counts by.
RELIEF = "relief"
COUNTED, PENDING, TO_FIX = "counted", "pending", "to_fix"
MINE = "me"
KIND_CHOICES = [*AidCase.Kind.choices, (RELIEF, _("All relief (living, medical, education)"))]
STATUS_CHOICES = [*AidCase.Status.choices,
                  (COUNTED, _("Counted (approved or paid)")),
                  (PENDING, _("Pending (draft or submitted)")),
                  (TO_FIX, _("Rejected, not entered again"))]
SEARCH_HINT = _("Name, pinyin or last digits of the ID number")
NEW, RELAPSE = "new", "relapse"
SPELL_CHOICES = [(NEW, _("First spells (new archives)")), (RELAPSE, _("After a relapse"))]


def worker_matches(prefix: str, text: str) -> Q:
    """Search words: digits (and X) match the end of the ID number, anything else the name's
    characters or its pinyin in full or by initials (core.pinyin.name_matches)."""
    text = normalize_id_number(clean_term(text))
    if text and all(ch in "0123456789X" for ch in text):
        return id_number_ends_with(prefix, text)
    return name_matches(text, prefix=prefix)


def id_number_ends_with(prefix: str, digits: str) -> Q:
    """ID numbers ending with `digits`, written as "the reversed number starts with the
    reversed digits": a prefix search that PostgreSQL's index on reverse(id_number) answers
    (aid/migrations/0012_search_and_period_indexes.py), where `endswith` read every worker."""
    return Q(StartsWith(Reverse(f"{prefix}id_number"), digits[::-1]))


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
    entered = ChoiceFilter(label=_("entered by"), choices=[(MINE, _("Me"))],
                           empty_label=_("Anyone"), method="filter_entered")
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
        if value == TO_FIX:
            return queryset.to_fix()
        return queryset.filter(status=value)

    def filter_entered(self, queryset: QuerySet, _name: str, _value: str) -> QuerySet:
        user = getattr(self.request, "user", None)
        return queryset.filter(entered_by=user.pk if user else None)

    def filter_worker(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(worker_matches("worker__", value))


def sorted_matches(workers: QuerySet, *, descending: bool) -> QuerySet:
    """The workers a search found, by name: the same order, asked so that PostgreSQL sorts the
    matches (a few hundred) instead of walking the name index until it meets them (the names
    starting with 崔 are 27,000 names down at a province's scale). Names are never NULL: with
    NULLS FIRST (NULLS LAST descending) the order is the same, and no index gives it."""
    if descending:
        return workers.order_by(F("name").desc(nulls_last=True), "-pk")
    return workers.order_by(F("name").asc(nulls_first=True), "pk")


class WorkerFilterSet(ListFilterSet):
    """The worker list's search (also the case form's worker box): name or ID digits, union."""

    q = CharFilter(label=SEARCH_HINT, max_length=50, method="filter_worker",
                   widget=forms.TextInput(attrs={"type": "search", "placeholder": SEARCH_HINT,
                                                 "autofocus": True}))
    union = union_filter("union")
    state = ChoiceFilter(label=_("archive state"), choices=HardshipWorker.State.choices,
                         empty_label=_("All states"))
    level = ChoiceFilter(field_name="hardship_level", label=_("hardship category"),
                         choices=HardshipWorker.HardshipLevel.choices,
                         empty_label=_("All categories"))
    # The archive figures' drill-down (aid.figures): archives active on a day, spells that
    # started or ended between two days, archives overdue for review on a day.
    open_on = DateFilter(label=_("active on"), method="filter_open_on", widget=forms.HiddenInput)
    spell = ChoiceFilter(label=_("spells"), choices=SPELL_CHOICES, method="filter_nothing",
                         widget=forms.HiddenInput)
    started_from = DateFilter(label=_("spell started from"), method="filter_nothing",
                              widget=forms.HiddenInput)
    started_to = DateFilter(label=_("spell started to"), method="filter_nothing",
                            widget=forms.HiddenInput)
    exited_from = DateFilter(label=_("left hardship from"), method="filter_nothing",
                             widget=forms.HiddenInput)
    exited_to = DateFilter(label=_("left hardship to"), method="filter_nothing",
                           widget=forms.HiddenInput)
    overdue_on = DateFilter(label=_("review overdue on"), method="filter_overdue",
                            widget=forms.HiddenInput)
    sort = SortFilter(fields={"name": "name", "union__name": "union",
                              "registered_on": "registered", "hardship_level": "level"},
                      default="name")

    def filter_worker(self, queryset: QuerySet, _name: str, value: str) -> QuerySet:
        return queryset.filter(worker_matches("", value))

    def filter_open_on(self, queryset: QuerySet, _name: str, value: date) -> QuerySet:
        return queryset.filter(Exists(ArchiveSpell.objects.filter(
            open_on(value), worker=OuterRef("pk"))))

    def filter_overdue(self, queryset: QuerySet, _name: str, value: date) -> QuerySet:
        spells = with_reviewed(ArchiveSpell.objects.filter(worker=OuterRef("pk")), value)
        return queryset.filter(Exists(spells.filter(overdue_on(value))))

    def filter_nothing(self, queryset: QuerySet, _name: str, _value) -> QuerySet:
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        spells = Q()
        if data.get("spell") in (NEW, RELAPSE):
            spells &= Q(relapse=data["spell"] == RELAPSE)
        for key, lookup in (("started_from", "started_on__gte"), ("started_to", "started_on__lte"),
                            ("exited_from", "ended_on__gte"), ("exited_to", "ended_on__lte")):
            if data.get(key):
                spells &= Q(**{lookup: data[key]})
        if spells:
            queryset = queryset.filter(Exists(ArchiveSpell.objects.filter(
                spells, worker=OuterRef("pk"))))
        if data.get("q") and self.sort_key().lstrip("-") == "name":
            queryset = sorted_matches(queryset, descending=self.sort_key().startswith("-"))
        return queryset


class CampaignWorkerFilterSet(ListFilterSet):
    """The workers offered on a campaign's batch page, by union and hardship level."""

    union = union_filter("union")
    level = ChoiceFilter(field_name="hardship_level", label=_("Hardship level"),
                         choices=HardshipWorker.HardshipLevel.choices,
                         empty_label=_("All hardship levels"))
