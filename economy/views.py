from datetime import date, timedelta
from decimal import Decimal

from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Count, DecimalField, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import Role
from core.audit import history_entries
from core.exports import xlsx_response
from core.forms import PeriodForm
from core.money import ZERO, percent, wan_number
from core.periods import half_year_of
from core.views import IdempotentCreateMixin, OptimisticLockMixin, query_without

from . import figures
from .forms import (
    GrantForm,
    HouseholdFilterForm,
    HouseholdForm,
    ReturnFilterForm,
    ReturnForm,
    TargetForm,
)
from .models import AnnualTarget, Household, SupportGrant, ValueAddedReturn
from .sector_table import sector_table

MONEY = DecimalField(max_digits=14, decimal_places=2)
EDITORS = (Role.STAFF, Role.ADMIN)


def _money_sum(field: str) -> Coalesce:
    return Coalesce(Sum(field), Value(ZERO), output_field=MONEY)


class EditorMixin(RoleRequiredMixin):
    """Staff and admins enter and edit economy records; leaders only read."""

    roles = EDITORS


class HistoryMixin:
    """Detail pages show the record's audit trail (core/_history.html)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        return context


class SectorTablePeriodMixin:
    """The period of `?start=&end=`; by default the half-year of the latest return."""

    def chosen_period(self) -> tuple[PeriodForm, date, date]:
        form = PeriodForm(self.request.GET or None)
        if form.is_valid() and form.cleaned_data["start"] and form.cleaned_data["end"]:
            return form, form.cleaned_data["start"], form.cleaned_data["end"]
        latest = ValueAddedReturn.objects.aggregate(latest=Max("period_end"))["latest"]
        start, end = half_year_of(latest or timezone.localdate())
        if not form.is_bound:
            form = PeriodForm(initial={"start": start, "end": end})
        return form, start, end


class SectorTableView(SectorTablePeriodMixin, RoleRequiredMixin, TemplateView):
    template_name = "economy/sector_table.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, start, end = self.chosen_period()
        context.update(form=form, table=sector_table(start, end))
        return context


class SectorExportView(SectorTablePeriodMixin, RoleRequiredMixin, View):
    """The sector table as an .xlsx workbook, values in 万元 as on the page."""

    def get(self, request):
        _form, start, end = self.chosen_period()
        table = sector_table(start, end)
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


class HouseholdListView(RoleRequiredMixin, ListView):
    template_name = "economy/household_list.html"
    context_object_name = "households"
    paginate_by = 25
    sort_fields = {"owner": ("owner", "pk"), "started_on": ("started_on", "pk"),
                   "grants": ("grant_total", "pk")}

    def get_queryset(self):
        self.filter_form = HouseholdFilterForm(self.request.GET or None)
        households = Household.objects.select_related("union")
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["q"]:
                households = households.filter(
                    Q(owner__icontains=data["q"]) | Q(business__icontains=data["q"])
                    | Q(union__name__icontains=data["q"])
                )
            if data["sector"]:
                households = households.filter(sector=data["sector"])
            if data["union"]:
                households = households.filter(union=data["union"])
        self.filtered = households
        self.sort = self.request.GET.get("sort", "owner")
        if self.sort.lstrip("-") not in self.sort_fields:
            self.sort = "owner"
        descending = self.sort.startswith("-")
        order = self.sort_fields[self.sort.lstrip("-")]
        return households.annotate(
            grant_total=_money_sum("grants__amount"), grant_count=Count("grants"),
        ).order_by(*(f"-{field}" if descending else field for field in order))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = SupportGrant.objects.filter(household__in=self.filtered.values("pk")).aggregate(
            amount=_money_sum("amount"), count=Count("pk"))
        context.update(filter_form=self.filter_form, grant_totals=totals, sort=self.sort,
                       query=query_without(self.request, "page", "sort"))
        return context


class HouseholdDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/household_detail.html"
    context_object_name = "household"
    queryset = Household.objects.select_related("union")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grants = list(self.object.grants.order_by("granted_on", "pk"))
        returns = list(self.object.value_added_returns.order_by("-period_end", "pk"))
        context.update(
            grants=grants, grant_total=sum((g.amount for g in grants), ZERO),
            returns=returns,
        )
        return context


class HouseholdCreateView(EditorMixin, IdempotentCreateMixin, SuccessMessageMixin, CreateView):
    model = Household
    form_class = HouseholdForm
    template_name = "economy/form.html"
    success_message = _("Household saved.")
    extra_context = {"title": _("New household"),
                     "cancel_url": reverse_lazy("economy:household-list")}


class HouseholdUpdateView(EditorMixin, OptimisticLockMixin, SuccessMessageMixin, UpdateView):
    model = Household
    form_class = HouseholdForm
    template_name = "economy/form.html"
    success_message = _("Household saved.")
    extra_context = {"title": _("Edit household")}


class ReturnListView(RoleRequiredMixin, ListView):
    template_name = "economy/return_list.html"
    context_object_name = "returns"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = ReturnFilterForm(self.request.GET or None)
        returns = ValueAddedReturn.objects.select_related("union", "household")
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["start"]:
                returns = returns.filter(period_start__gte=data["start"])
            if data["end"]:
                returns = returns.filter(period_end__lte=data["end"])
            if data["sector"]:
                returns = returns.filter(sector=data["sector"])
        self.filtered = returns
        return returns.order_by("-period_end", "sector", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = self.filtered.aggregate(value_added=_money_sum("value_added"), count=Count("pk"))
        context.update(filter_form=self.filter_form, totals=totals,
                       query=query_without(self.request, "page"))
        return context


class ReturnDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/return_detail.html"
    context_object_name = "value_added_return"
    queryset = ValueAddedReturn.objects.select_related("union", "household")


class ReturnCreateView(EditorMixin, IdempotentCreateMixin, SuccessMessageMixin, CreateView):
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
        household_id = self.request.GET.get("household", "")
        household = Household.objects.filter(pk=int(household_id)).first() if (
            household_id.isdigit()) else None
        if household is not None:
            initial.update(household=household, sector=household.sector)
        return {**initial, "period_start": start, "period_end": end}


class ReturnUpdateView(EditorMixin, OptimisticLockMixin, SuccessMessageMixin, UpdateView):
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
        achieved = (ValueAddedReturn.objects
                    .annotate(year=ExtractYear("period_start"))
                    .filter(year=OuterRef("year"))
                    .values("year").annotate(total=Sum("value_added")).values("total"))
        return AnnualTarget.objects.annotate(
            achieved=Coalesce(Subquery(achieved, output_field=MONEY), Value(ZERO),
                              output_field=MONEY),
        ).order_by("-year")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for target in context["targets"]:
            target.completion = percent(target.achieved, target.value_added)
        return context


class TargetDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/target_detail.html"
    context_object_name = "target"
    model = AnnualTarget

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.object.year
        context["figures"] = figures.for_period(date(year, 1, 1), date(year, 12, 31))
        return context


class TargetCreateView(EditorMixin, IdempotentCreateMixin, SuccessMessageMixin, CreateView):
    model = AnnualTarget
    form_class = TargetForm
    template_name = "economy/form.html"
    success_message = _("Annual target saved.")
    extra_context = {"title": _("New annual target"),
                     "cancel_url": reverse_lazy("economy:target-list")}

    def get_initial(self):
        return {**super().get_initial(), "year": timezone.localdate().year}


class TargetUpdateView(EditorMixin, OptimisticLockMixin, SuccessMessageMixin, UpdateView):
    model = AnnualTarget
    form_class = TargetForm
    template_name = "economy/form.html"
    success_message = _("Annual target saved.")
    extra_context = {"title": _("Edit annual target")}


class GrantListView(RoleRequiredMixin, ListView):
    template_name = "economy/grant_list.html"
    context_object_name = "grants"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = PeriodForm(self.request.GET or None)
        grants = SupportGrant.objects.select_related("household", "household__union")
        if self.filter_form.is_valid():
            if self.filter_form.cleaned_data["start"]:
                grants = grants.filter(granted_on__gte=self.filter_form.cleaned_data["start"])
            if self.filter_form.cleaned_data["end"]:
                grants = grants.filter(granted_on__lte=self.filter_form.cleaned_data["end"])
        self.filtered = grants
        return grants.order_by("-granted_on", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = self.filtered.aggregate(amount=_money_sum("amount"), count=Count("pk"),
                                         households=Count("household", distinct=True))
        context.update(filter_form=self.filter_form, totals=totals,
                       query=query_without(self.request, "page"))
        return context


class GrantDetailView(RoleRequiredMixin, HistoryMixin, DetailView):
    template_name = "economy/grant_detail.html"
    context_object_name = "grant"
    queryset = SupportGrant.objects.select_related("household", "household__union")


class GrantCreateView(EditorMixin, IdempotentCreateMixin, SuccessMessageMixin, CreateView):
    model = SupportGrant
    form_class = GrantForm
    template_name = "economy/form.html"
    success_message = _("Support grant saved.")
    extra_context = {"title": _("New support grant"),
                     "cancel_url": reverse_lazy("economy:grant-list")}

    def get_initial(self):
        initial = {**super().get_initial(), "granted_on": timezone.localdate()}
        household = self.request.GET.get("household")
        if household and household.isdigit():
            initial["household"] = household
        return initial


class GrantUpdateView(EditorMixin, OptimisticLockMixin, SuccessMessageMixin, UpdateView):
    model = SupportGrant
    form_class = GrantForm
    template_name = "economy/form.html"
    success_message = _("Support grant saved.")
    extra_context = {"title": _("Edit support grant")}

