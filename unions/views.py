from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, View

from accounts.mixins import RoleRequiredMixin
from accounts.roles import ADMINS, READERS
from core.edit import RecordCreateView, RecordUpdateView, saved
from core.exports import xlsx_response
from core.lists import FilteredListView

from . import selectors, services
from .filters import UnionFilterSet
from .forms import DissolveForm, HeadcountReturnForm, UnionForm
from .models import EXPIRING_WITHIN_DAYS, HeadcountReturn, Union
from .pickers import union_detail, union_search


class UnionListView(RoleRequiredMixin, FilteredListView):
    """The registry, filtered and sorted, with each union's counts at a date and their totals."""

    roles = READERS
    filterset_class = UnionFilterSet
    template_name = "unions/union_list.html"
    context_object_name = "unions"

    def get_queryset(self):
        return selectors.unions()

    def get_totals(self, queryset):
        return selectors.union_totals(queryset, on=self.filterset.counts_on())

    def get_context_data(self, **kwargs):
        on = self.filterset.counts_on()
        # A list about elections or agreements shows their dates as extra columns.
        extra = {name: bool(self.filterset.shows(name)) for name in ("election", "contract",
                                                                      "wage")}
        joined_between = self.filterset.joined_between()
        return super().get_context_data(
            counts_on=on, expiring_until=on + timedelta(EXPIRING_WITHIN_DAYS),
            show_election=extra["election"], show_contract=extra["contract"],
            show_wage=extra["wage"], column_count=10 + sum(extra.values()) + bool(joined_between),
            joined_between=joined_between,
            worklists=selectors.worklists(on), **kwargs)


class UnionSearchView(RoleRequiredMixin, View):
    """JSON for the union pickers (core.picker): at most ten unions matching `q`."""

    roles = READERS

    def get(self, request):
        return JsonResponse({"results": [
            {"id": union.pk, "label": union.name, "detail": union_detail(union)}
            for union in union_search(request.GET)
        ]})


class UnionExportView(UnionListView):
    """The filtered list as .xlsx, every row (not one page), with a totals row."""

    def get(self, *_args, **_kwargs) -> HttpResponse:
        unions = self.filtered_queryset()
        on = self.filterset.counts_on()
        sheet = selectors.union_sheet(unions, on=on)
        return xlsx_response(f"{_('Grassroots unions')}-{on:%Y%m%d}.xlsx", sheet.headers,
                             sheet.rows, title=_("Grassroots unions"), totals=sheet.totals)


class UnionDetailView(RoleRequiredMixin, DetailView):
    roles = READERS
    template_name = "unions/union_detail.html"
    context_object_name = "union"

    def get_queryset(self):
        return selectors.unions()

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        page = selectors.union_page(self.object, today=today)
        return super().get_context_data(
            returns=page.returns, chart=page.chart, covered=page.covered,
            history=page.history, founded_since_return=page.founded_since_return,
            today=today, election_overdue=self.object.election_overdue_on(today),
            contract_state=self.object.contract_state(today),
            wage_state=self.object.wage_agreement_state(today), **kwargs)


class UnionCreateView(RoleRequiredMixin, RecordCreateView):
    roles = ADMINS
    model = Union
    form_class = UnionForm
    template_name = "unions/union_form.html"
    success_message = gettext_lazy("The union was added to the registry.")


class UnionUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = ADMINS
    model = Union
    form_class = UnionForm
    template_name = "unions/union_form.html"
    success_message = gettext_lazy("The union was saved.")


class UnionDissolveView(RoleRequiredMixin, FormView):
    """Dissolve a union through `services.union_dissolve` (its rules, its version check)."""

    roles = ADMINS
    form_class = DissolveForm
    template_name = "unions/union_dissolve.html"

    @cached_property
    def union(self) -> Union:
        return get_object_or_404(Union, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        if self.union.dissolved_on:
            messages.info(request, _("This union was already dissolved."))
            return redirect(self.union)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"dissolved_on": timezone.localdate(), "version": self.union.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(union=self.union, **kwargs)

    def form_valid(self, form):
        try:
            services.union_dissolve(union_id=self.union.pk, on=form.cleaned_data["dissolved_on"],
                                    by=self.request.user, version=form.cleaned_data["version"])
        except ValidationError as error:
            problems = (error.message_dict if hasattr(error, "error_dict")
                        else {NON_FIELD_ERRORS: error.messages})
            for field, texts in problems.items():
                form.add_error(field if field in form.fields else None, texts)
            return self.form_invalid(form)
        return saved(self.request, _("The union was marked as dissolved."),
                     self.union.get_absolute_url())


class HeadcountFormMixin:
    """A return's form: its union is fixed in the form, shown on the page, and saving goes
    back to it. The views below say which union (`union`)."""

    model = HeadcountReturn
    form_class = HeadcountReturnForm
    template_name = "unions/headcount_form.html"
    success_message = gettext_lazy("The headcount return was saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "union": self.union}

    def get_context_data(self, **kwargs):
        covered = self.union.covered_unions.count() if self.union.is_joint else 0
        return super().get_context_data(union=self.union, covered_count=covered, **kwargs)

    def get_success_url(self):
        return self.union.get_absolute_url()


class HeadcountCreateView(RoleRequiredMixin, HeadcountFormMixin, RecordCreateView):
    roles = ADMINS

    @cached_property
    def union(self) -> Union:
        return get_object_or_404(Union, pk=self.kwargs["pk"])


class HeadcountUpdateView(RoleRequiredMixin, HeadcountFormMixin, RecordUpdateView):
    roles = ADMINS

    def get_queryset(self):
        return HeadcountReturn.objects.select_related("union")

    @property
    def union(self) -> Union:
        return self.object.union
