"""Read pages: rounds, pairings, projects, the ledger and student aid (everyone signed in)."""

from datetime import date

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from accounts.mixins import RoleRequiredMixin
from core.audit import history_entries
from core.charts import bars

from . import figures
from .models import (
    Beneficiary,
    FundEntry,
    Helper,
    Pairing,
    PairingHelper,
    Programme,
    Project,
    Round,
)

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(0, output_field=MONEY)


def injected_into(outer: str) -> Coalesce:
    """Start-up capital injected into the row named by `outer` (a pairing or a project)."""
    entries = (FundEntry.objects.filter(**{outer: OuterRef("pk")}, kind=FundEntry.Kind.INJECTED)
               .order_by().values(outer).annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(entries, output_field=MONEY), ZERO)


def as_of(round_: Round) -> date:
    """A round is shown as it stands today, or at its end once it is over."""
    today = timezone.localdate()
    return min(today, round_.ends_on) if round_.ends_on else today


class FilterMixin:
    """Reads the list filters from the query string and offers their choices to the template."""

    def param(self, name: str, choices=None) -> str:
        value = self.request.GET.get(name, "").strip()
        if choices is not None and value not in {c for c, _label in choices}:
            return ""
        return value

    def selected_round(self) -> Round | None:
        value = self.param("round")
        if not value:
            return None
        return Round.objects.by_param(value).select_related("programme").first()

    def filter_round(self, queryset, path: str = "round"):
        value = self.param("round")
        if not value:
            return queryset
        return queryset.filter(**{f"{path}__in": Round.objects.by_param(value)})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rounds"] = Round.objects.select_related("programme")
        context["filters"] = {key: value for key, value in self.request.GET.items()
                              if key != "page"}
        return context


class RoundListView(RoleRequiredMixin, ListView):
    template_name = "pairings/round_list.html"
    context_object_name = "rounds"

    def get_queryset(self):
        return Round.objects.select_related("programme").annotate(
            pair_count=Count("pairings", distinct=True))


class RoundDetailView(RoleRequiredMixin, DetailView):
    template_name = "pairings/round_detail.html"
    context_object_name = "round"
    queryset = Round.objects.select_related("programme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = as_of(self.object)
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


class PairingListView(RoleRequiredMixin, FilterMixin, ListView):
    template_name = "pairings/pairing_list.html"
    context_object_name = "pairings"
    paginate_by = 25
    SORTS = {
        "paired_on": ("paired_on", "pk"), "-paired_on": ("-paired_on", "-pk"),
        "beneficiary": ("beneficiary_name", "pk"), "-beneficiary": ("-beneficiary_name", "-pk"),
        "injected": ("injected", "pk"), "-injected": ("-injected", "-pk"),
    }

    def filtered(self):
        pairings = self.filter_round(Pairing.objects.all())
        kind = self.param("kind", Beneficiary.Kind.choices)
        if kind:
            pairings = pairings.filter(beneficiary__kind=kind)
        status = self.param("status", Pairing.Status.choices)
        if status:
            pairings = pairings.filter(status=status)
        query = self.param("q")
        if query:
            helper = PairingHelper.objects.filter(pairing=OuterRef("pk"),
                                                  helper__name__icontains=query)
            pairings = pairings.filter(
                Q(beneficiary__name__icontains=query)
                | Q(beneficiary__worker__name__icontains=query)
                | Exists(helper)
            )
        return pairings

    def get_queryset(self):
        sort = self.SORTS.get(self.param("sort"), ("-paired_on", "-pk"))
        links = PairingHelper.objects.select_related("helper").order_by("helper__kind", "pk")
        return (
            self.filtered()
            .select_related("round", "beneficiary__worker")
            .prefetch_related(Prefetch("helper_links", queryset=links))
            .annotate(
                beneficiary_name=Coalesce("beneficiary__worker__name", "beneficiary__name"),
                project_count=Count("projects", distinct=True),
                injected=injected_into("pairing"),
            )
            .order_by(*sort)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = FundEntry.objects.filter(pairing__in=self.filtered()).aggregate(
            injected=Coalesce(Sum("amount", filter=Q(kind=FundEntry.Kind.INJECTED)), ZERO),
            disbursed=Coalesce(Sum("amount", filter=Q(kind=FundEntry.Kind.DISBURSED)), ZERO),
        )
        context.update(
            totals=totals,
            kinds=Beneficiary.Kind.choices,
            statuses=Pairing.Status.choices,
            sort=self.param("sort"),
        )
        return context


class PairingDetailView(RoleRequiredMixin, DetailView):
    template_name = "pairings/pairing_detail.html"
    context_object_name = "pairing"
    queryset = Pairing.objects.select_related("round__programme", "beneficiary__worker__union")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pairing = self.object
        context.update(
            helpers=Helper.objects.filter(pairing_links__pairing=pairing).order_by("kind", "pk"),
            projects=pairing.projects.annotate(injected=injected_into("project"))
            .order_by("started_on", "pk"),
            entries=pairing.fund_entries.select_related("project").order_by("entered_on", "pk"),
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


class ProjectListView(RoleRequiredMixin, FilterMixin, ListView):
    template_name = "pairings/project_list.html"
    context_object_name = "projects"
    paginate_by = 50

    def filtered(self):
        projects = self.filter_round(Project.objects.all(), "pairing__round")
        sector = self.param("sector", Project.Sector.choices)
        if sector:
            projects = projects.filter(sector=sector)
        return projects

    def get_queryset(self):
        return (
            self.filtered()
            .select_related("pairing__round", "pairing__beneficiary__worker")
            .annotate(injected=injected_into("project"))
            .order_by("-started_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = FundEntry.objects.filter(
            project__in=self.filtered(), kind=FundEntry.Kind.INJECTED,
        ).aggregate(injected=Coalesce(Sum("amount"), ZERO))
        context["sectors"] = Project.Sector.choices
        return context


class FundListView(RoleRequiredMixin, FilterMixin, ListView):
    template_name = "pairings/fund_list.html"
    context_object_name = "entries"
    paginate_by = 50

    def filtered(self):
        entries = self.filter_round(FundEntry.objects.all())
        kind = self.param("kind", FundEntry.Kind.choices)
        if kind:
            entries = entries.filter(kind=kind)
        return entries

    def get_queryset(self):
        return self.filtered().select_related(
            "round", "project", "pairing__beneficiary__worker", "entered_by",
        ).order_by("-entered_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sums = self.filtered().aggregate(**{
            kind: Coalesce(Sum("amount", filter=Q(kind=kind)), ZERO)
            for kind in FundEntry.Kind.values
        })
        context["totals"] = [(label, sums[kind]) for kind, label in FundEntry.Kind.choices]
        context["balance"] = (sums["raised"] + sums["donation"]
                              - sums["injected"] - sums["disbursed"])
        context["kinds"] = FundEntry.Kind.choices
        context["selected_round"] = self.selected_round()
        return context


class StudentAidView(RoleRequiredMixin, TemplateView):
    """The student-aid programme: branches and students paired, money of a year (?year=)."""

    template_name = "pairings/student_aid.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        student = Q(round__programme__kind=Programme.Kind.STUDENT)
        years = sorted(
            FundEntry.objects.filter(student).annotate(year=ExtractYear("entered_on"))
            .order_by().values_list("year", flat=True).distinct(), reverse=True)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = years[0] if years else today.year
        end = min(date(year, 12, 31), today)
        numbers = figures.student_aid_figures(date(year, 1, 1), end)
        months = (
            FundEntry.objects.filter(student, entered_on__year=year)
            .annotate(month=TruncMonth("entered_on")).order_by("month").values("month")
            .annotate(
                received=Coalesce(Sum("amount", filter=Q(kind=FundEntry.Kind.DONATION)), ZERO),
                disbursed=Coalesce(Sum("amount", filter=Q(kind=FundEntry.Kind.DISBURSED)), ZERO),
            )
        )
        context.update(
            year=year, years=years or [year], end=end, numbers=numbers, months=months,
            all_disbursed=numbers.received == numbers.disbursed,
            student_rounds=Round.objects.filter(programme__kind=Programme.Kind.STUDENT)
            .select_related("programme"),
        )
        return context
