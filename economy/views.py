from datetime import date, timedelta
from decimal import Decimal

from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS
from core.audit import history_entries
from core.edit import RecordCreateView, RecordUpdateView
from core.exports import xlsx_response
from core.forms import PeriodForm
from core.lists import FilteredListView
from core.money import wan_number
from core.periods import half_year_of
from core.text import ascii_int

from . import selectors
from .filters import GrantFilterSet, HouseholdFilterSet, ReturnFilterSet
from .forms import GrantForm, HouseholdForm, ReturnForm, TargetForm
from .models import AnnualTarget, Household, SupportGrant, ValueAddedReturn


class HistoryMixin:
    """Detail pages show the record's audit trail (core/_history.html)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        return context


class SectorTablePeriodMixin:
    """The period of `?start=&end=`; by default the half-year of the latest return."""

    def chosen_period(self, query: QueryDict) -> tuple[PeriodForm, date, date]:
        form = PeriodForm(query or None)
        if form.is_valid() and form.cleaned_data["start"] and form.cleaned_data["end"]:
            return form, form.cleaned_data["start"], form.cleaned_data["end"]
        start, end = selectors.latest_half_year()
        if not form.is_bound:
            form = PeriodForm(initial={"start": start, "end": end})
        return form, start, end


class SectorTableView(SectorTablePeriodMixin, RoleRequiredMixin, TemplateView):
    template_name = "economy/sector_table.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, start, end = self.chosen_period(self.request.GET)
        context.update(form=form, table=selectors.sector_table(start, end))
        return context


class SectorExportView(SectorTablePeriodMixin, RoleRequiredMixin, View):
    """The sector table as an .xlsx workbook, values in 万元 as on the page."""

    def get(self, request):
        _form, start, end = self.chosen_period(request.GET)
        table = selectors.sector_table(start, end)
        headers = [gettext("Sector"), gettext("Value added (10,000 yuan)"), gettext("Share (%)"),
                   gettext("A year earlier (10,000 yuan)"), gettext("Change (%)")]
        rows = [[row.label, Decimal(wan_number(row.value_added)), row.share,
                 Decimal(wan_number(row.year_earlier)), row.change] for row in table.rows]
        totals = [gettext("Total"), Decimal(wan_number(table.total)),
                  Decimal(100) if table.total else None,
                  Decimal(wan_number(table.total_year_earlier)), table.total_change]
        if table.target is not None:
            rows.append([gettext("Annual target for %(year)s (10,000 yuan)") % {"year": end.year},
                         Decimal(wan_number(table.target)), None, None, None])
            rows.append([gettext("Completion of the annual target (%)"), table.completion,
                         None, None, None])
        title = gettext("Value added by sector")
        return xlsx_response(f"{title}_{start:%Y%m%d}-{end:%Y%m%d}.xlsx", headers, rows,
                             title=title, totals=totals)


class HouseholdListView(RoleRequiredMixin, FilteredListView):
    filterset_class = HouseholdFilterSet
    template_name = "economy/household_list.html"
    context_object_name = "households"
    paginate_by = 25

    def get_queryset(self):
        return selectors.household_list()

    def get_totals(self, queryset):
        return selectors.household_totals(queryset)


class HouseholdDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/household_detail.html"
    context_object_name = "household"
    queryset = Household.objects.select_related("union")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.household_records(self.object))
        return context


class HouseholdCreateView(RoleRequiredMixin, RecordCreateView):
    roles = EDITORS
    model = Household
    form_class = HouseholdForm
    template_name = "economy/form.html"
    success_message = _("Household saved.")
    extra_context = {"title": _("New household"),
                     "cancel_url": reverse_lazy("economy:household-list")}


class HouseholdUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    model = Household
    form_class = HouseholdForm
    template_name = "economy/form.html"
    success_message = _("Household saved.")
    extra_context = {"title": _("Edit household")}


class ReturnListView(RoleRequiredMixin, FilteredListView):
    filterset_class = ReturnFilterSet
    template_name = "economy/return_list.html"
    context_object_name = "returns"

    def get_queryset(self):
        return selectors.return_list()

    def get_totals(self, queryset):
        return selectors.return_totals(queryset)


class ReturnDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/return_detail.html"
    context_object_name = "value_added_return"
    queryset = ValueAddedReturn.objects.select_related("union", "household")


class ReturnCreateView(RoleRequiredMixin, RecordCreateView):
    roles = EDITORS
    model = ValueAddedReturn
    form_class = ReturnForm
    template_name = "economy/form.html"
    success_message = _("Value-added return saved.")
    extra_context = {"title": _("New value-added return"),
                     "cancel_url": reverse_lazy("economy:return-list")}

    def get_initial(self):
        initial = super().get_initial()
        # Returns are reported after their period: offer the half-year that last ended.
        start, end = half_year_of(half_year_of(timezone.localdate())[0] - timedelta(days=1))
        household_id = ascii_int(self.request.GET.get("household"))
        household = Household.objects.filter(pk=household_id).first() if (
            household_id is not None) else None
        if household is not None:
            initial.update(household=household, sector=household.sector)
        return {**initial, "period_start": start, "period_end": end}


class ReturnUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    model = ValueAddedReturn
    form_class = ReturnForm
    template_name = "economy/form.html"
    success_message = _("Value-added return saved.")
    extra_context = {"title": _("Edit value-added return")}


class TargetListView(RoleRequiredMixin, ListView):
    template_name = "economy/target_list.html"
    context_object_name = "targets"
    paginate_by = 25

    def get_queryset(self):
        return selectors.target_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selectors.add_completion(context["targets"])
        return context


class TargetDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/target_detail.html"
    context_object_name = "target"
    model = AnnualTarget

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = selectors.year_figures(self.object.year)
        return context


class TargetCreateView(RoleRequiredMixin, RecordCreateView):
    roles = EDITORS
    model = AnnualTarget
    form_class = TargetForm
    template_name = "economy/form.html"
    success_message = _("Annual target saved.")
    extra_context = {"title": _("New annual target"),
                     "cancel_url": reverse_lazy("economy:target-list")}

    def get_initial(self):
        return {**super().get_initial(), "year": timezone.localdate().year}


class TargetUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    model = AnnualTarget
    form_class = TargetForm
    template_name = "economy/form.html"
    success_message = _("Annual target saved.")
    extra_context = {"title": _("Edit annual target")}


class GrantListView(RoleRequiredMixin, FilteredListView):
    filterset_class = GrantFilterSet
    template_name = "economy/grant_list.html"
    context_object_name = "grants"

    def get_queryset(self):
        return selectors.grant_list()

    def get_totals(self, queryset):
        return selectors.grant_totals(queryset)


class GrantDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/grant_detail.html"
    context_object_name = "grant"
    queryset = SupportGrant.objects.select_related("household", "household__union")


class GrantCreateView(RoleRequiredMixin, RecordCreateView):
    roles = EDITORS
    model = SupportGrant
    form_class = GrantForm
    template_name = "economy/form.html"
    success_message = _("Support grant saved.")
    extra_context = {"title": _("New support grant"),
                     "cancel_url": reverse_lazy("economy:grant-list")}

    def get_initial(self):
        initial = {**super().get_initial(), "granted_on": timezone.localdate()}
        household = ascii_int(self.request.GET.get("household"))
        if household is not None:
            initial["household"] = str(household)
        return initial


class GrantUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    model = SupportGrant
    form_class = GrantForm
    template_name = "economy/form.html"
    success_message = _("Support grant saved.")
    extra_context = {"title": _("Edit support grant")}
