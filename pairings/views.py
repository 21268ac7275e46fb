"""Read pages: rounds, pairings, projects, the ledger and student aid (everyone signed in)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from accounts.mixins import RoleRequiredMixin
from core.audit import history_entries
from core.charts import bars
from core.dates import sane_years
from core.lists import FilteredListView
from core.text import ascii_int

from . import figures, selectors
from .filters import FundEntryFilterSet, PairingFilterSet, ProjectFilterSet
from .models import FundEntry, Pairing, Programme, Project, Round


class RoundListView(RoleRequiredMixin, ListView):
    template_name = "pairings/round_list.html"
    context_object_name = "rounds"

    def get_queryset(self):
        return selectors.rounds()


class RoundDetailView(RoleRequiredMixin, DetailView):
    template_name = "pairings/round_detail.html"
    context_object_name = "round"
    queryset = Round.objects.select_related("programme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = selectors.as_of(self.object)
        numbers = figures.round_figures(self.object, day)
        projects = reverse("pairings:project-list")
        context.update(
            as_of=day,
            numbers=numbers,
            is_student=self.object.programme.kind == Programme.Kind.STUDENT,
            history=history_entries(self.object),
            sector_bars=bars([
                (label, numbers.projects_by_sector[sector],
                 f"{projects}?round={self.object.pk}&sector={sector}")
                for sector, label in Project.Sector.choices
            ]),
            exit_bars=bars([
                (_("Out of poverty now"), numbers.exit_rate or 0, ""),
                (_("Target"), numbers.exit_target or 0, ""),
            ], scale=100),
        )
        return context


class PairingListView(RoleRequiredMixin, FilteredListView):
    template_name = "pairings/pairing_list.html"
    context_object_name = "pairings"
    filterset_class = PairingFilterSet
    paginate_by = 25

    def get_queryset(self):
        return selectors.pairing_rows()

    def get_totals(self, queryset):
        return selectors.pairing_totals(queryset)


class PairingDetailView(RoleRequiredMixin, DetailView):
    template_name = "pairings/pairing_detail.html"
    context_object_name = "pairing"
    queryset = Pairing.objects.select_related("round__programme", "beneficiary__worker__union")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pairing = self.object
        context.update(
            **selectors.pairing_detail(pairing),
            is_poverty=pairing.round.programme.kind == Programme.Kind.POVERTY,
            history=history_entries(pairing),
        )
        return context


class ProjectDetailView(RoleRequiredMixin, DetailView):
    template_name = "pairings/project_detail.html"
    context_object_name = "project"
    queryset = Project.objects.select_related("pairing__round", "pairing__beneficiary__worker")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entries=self.object.fund_entries.order_by("entered_on", "pk"),
            history=history_entries(self.object), **kwargs)


class FundEntryDetailView(RoleRequiredMixin, DetailView):
    template_name = "pairings/fund_detail.html"
    context_object_name = "entry"
    queryset = FundEntry.objects.select_related(
        "round__programme", "pairing__beneficiary__worker", "project", "entered_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=history_entries(self.object), **kwargs)


class ProjectListView(RoleRequiredMixin, FilteredListView):
    template_name = "pairings/project_list.html"
    context_object_name = "projects"
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        return selectors.project_rows()

    def get_totals(self, queryset):
        return selectors.project_totals(queryset)


class FundListView(RoleRequiredMixin, FilteredListView):
    template_name = "pairings/fund_list.html"
    context_object_name = "entries"
    filterset_class = FundEntryFilterSet

    def get_queryset(self):
        return selectors.fund_entry_rows()

    def get_totals(self, queryset):
        return selectors.fund_totals(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            sums=[(label, self.totals[kind]) for kind, label in FundEntry.Kind.choices],
            balance=self.totals["balance"],
        )
        return context


class StudentAidView(RoleRequiredMixin, TemplateView):
    """The student-aid programme: branches and students paired, money of a year (?year=)."""

    template_name = "pairings/student_aid.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = selectors.student_aid_years()
        today = timezone.localdate()
        year = ascii_int(self.request.GET.get("year"))
        if year not in sane_years():  # not a year, or one no date can be typed in
            year = years[0] if years else today.year
        end = min(date(year, 12, 31), today)
        numbers = figures.student_aid_figures(date(year, 1, 1), end)
        context.update(
            year=year, years=years or [year], end=end, numbers=numbers,
            months=selectors.student_aid_months(year),
            all_disbursed=numbers.received == numbers.disbursed,
            student_rounds=selectors.student_rounds(),
        )
        return context
