from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, F, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import Role
from core.audit import HistoryEntry, histories, history_entries
from core.exports import xlsx_response
from core.views import IdempotentCreateMixin, OptimisticLockMixin

from . import services
from .charts import members_chart
from .forms import DissolveForm, HeadcountReturnForm, UnionFilterForm, UnionForm
from .models import HeadcountReturn, Union, active_after

ADMINS = (Role.ADMIN,)
READERS = (Role.STAFF, Role.LEADER, Role.ADMIN)
# The list's columns: (sort key or "", header, right-aligned number).
COLUMNS = (
    ("name", gettext_lazy("Name"), False),
    ("", gettext_lazy("Kind"), False),
    ("", gettext_lazy("Industry joint union"), False),
    ("established_on", gettext_lazy("Established"), False),
    ("", gettext_lazy("Status"), False),
    ("members", gettext_lazy("Members"), True),
    ("employed", gettext_lazy("Employed"), True),
    ("laid_off", gettext_lazy("Laid off"), True),
    ("workers", gettext_lazy("Workers"), True),
    ("", gettext_lazy("Counts as of"), False),
)


class FilteredUnionsMixin:
    """The registry filtered, sorted and counted as the list's query parameters say."""

    def filter_form(self) -> UnionFilterForm:
        if not hasattr(self, "_filter_form"):
            self._filter_form = UnionFilterForm(self.request.GET)
            self._filter_form.is_valid()
        return self._filter_form

    def param(self, name: str):
        form = self.filter_form()
        return form.cleaned_data.get(name) if name not in form.errors else None

    def counts_on(self):
        return self.param("on") or timezone.localdate()

    def filtered_unions(self):
        on = self.counts_on()
        unions = Union.objects.select_related("joint_union").with_counts_on(on)
        if q := self.param("q"):
            unions = unions.filter(Q(name__icontains=q) | Q(credit_code__iexact=q)
                                   | Q(chair__icontains=q))
        kind = self.param("kind")
        if kind == UnionFilterForm.GRASSROOTS:
            unions = unions.grassroots()
        elif kind:
            unions = unions.filter(kind=kind)
        status = self.param("status") or "active"
        if status == "active":
            unions = unions.active_on(on)
        elif status == "dissolved":
            unions = unions.dissolved_on_or_before(on)
        if founded_from := self.param("founded_from"):
            unions = unions.filter(established_on__gte=founded_from)
        if founded_to := self.param("founded_to"):
            unions = unions.filter(established_on__lte=founded_to)
        return unions.order_by(*self.ordering_for(self.param("sort") or "name"))

    @staticmethod
    def ordering_for(sort: str) -> list:
        key = sort.lstrip("-")
        field = {"members": "members_now", "employed": "employed_now",
                 "laid_off": "laid_off_now", "workers": "workers_now"}.get(key, key)
        expression = F(field).desc(nulls_last=True) if sort.startswith("-") else (
            F(field).asc(nulls_last=True))
        return [expression, "name"] if key != "name" else [expression]


class UnionListView(RoleRequiredMixin, FilteredUnionsMixin, ListView):
    roles = READERS
    template_name = "unions/union_list.html"
    context_object_name = "unions"
    paginate_by = 50

    def get_queryset(self):
        return self.filtered_unions()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The members and workers at the date: of the unions active then.
        active = Q(established_on__lte=self.counts_on()) & active_after(self.counts_on())
        totals = self.object_list.aggregate(
            unions=Count("pk"), members=Sum("members_now", filter=active),
            employed=Sum("employed_now", filter=active),
            laid_off=Sum("laid_off_now", filter=active),
        )
        totals["workers"] = (totals["employed"] or 0) + (totals["laid_off"] or 0)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.filter_form(), totals=totals, counts_on=self.counts_on(),
            query=query.urlencode(), headers=self.headers(query),
        )
        return context

    def headers(self, query) -> list[dict]:
        """The table's column headers; a sortable one links to sorting by it (again: reversed)."""
        current = self.param("sort") or "name"
        headers = []
        for key, label, numeric in COLUMNS:
            header = {"label": label, "numeric": numeric, "query": None, "state": ""}
            if key in UnionFilterForm.SORTS:
                query = query.copy()
                query["sort"] = f"-{key}" if current == key else key
                header["query"] = query.urlencode()
                header["state"] = ("asc" if current == key
                                   else "desc" if current == f"-{key}" else "")
            headers.append(header)
        return headers


class UnionExportView(RoleRequiredMixin, FilteredUnionsMixin, View):
    """The filtered list as .xlsx, every row (not one page), with a totals row."""

    roles = READERS

    def get(self, request):
        on = self.counts_on()
        unions = list(self.filtered_unions())
        headers = [_("Name"), _("Kind"), _("Unified social credit code"), _("Chair"),
                   _("Phone"), _("Address"), _("Established"), _("Dissolved"),
                   _("Industry joint union"), _("Counts as of"), _("Members"), _("Employed"),
                   _("Laid off"), _("Workers")]
        rows = [
            [u.name, u.get_kind_display(), u.credit_code, u.chair, u.phone, u.address,
             u.established_on, u.dissolved_on, u.joint_union.name if u.joint_union else "",
             u.counts_as_of, u.members_now, u.employed_now, u.laid_off_now, u.workers_now]
            for u in unions
        ]
        active = [u for u in unions if u.is_active_on(on)]  # the counts at the date
        total = [sum(u.members_now or 0 for u in active), sum(u.employed_now or 0 for u in active),
                 sum(u.laid_off_now or 0 for u in active)]
        label = ngettext("Total: %(count)d union", "Total: %(count)d unions", len(unions))
        totals = [label % {"count": len(unions)}, *[""] * 9, *total,
                  total[1] + total[2]]
        return xlsx_response(f"{_('Grassroots unions')}-{on:%Y%m%d}.xlsx", headers, rows,
                             title=_("Grassroots unions"), totals=totals)


class UnionDetailView(RoleRequiredMixin, DetailView):
    roles = READERS
    template_name = "unions/union_detail.html"
    context_object_name = "union"

    def get_queryset(self):
        return Union.objects.select_related("joint_union")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        union = self.object
        returns = list(union.headcount_returns.order_by("-as_of"))
        today = timezone.localdate()
        context.update(
            returns=returns, chart=members_chart(returns), today=today,
            covered=(union.covered_unions.with_counts_on(today).order_by("name")
                     if union.is_joint else None),
            history=union_history(union, returns),
        )
        return context


def union_history(union: Union, returns: list[HeadcountReturn]) -> list[HistoryEntry]:
    """The union's audit trail and its returns' in one timeline, newest first (each diff stays
    within its own record; a fixed number of queries however many returns there are)."""
    entries = history_entries(union)
    of_returns = histories(returns)
    for ret in returns:
        label = _("headcount return of %(day)s") % {"day": ret.as_of.isoformat()}
        entries.extend(replace(entry, action=f"{entry.action} · {label}")
                       for entry in of_returns.get(ret.pk, []))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


class SavedMessageMixin:
    """Say `saved_message` only when the record was saved (not refused as stale or repeated)."""

    saved_message = ""

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302 and form.instance.pk and not form.errors:
            messages.success(self.request, self.saved_message)
        return response


class UnionCreateView(RoleRequiredMixin, SavedMessageMixin, IdempotentCreateMixin, CreateView):
    roles = ADMINS
    model = Union
    form_class = UnionForm
    template_name = "unions/union_form.html"
    saved_message = gettext_lazy("The union was added to the registry.")


class UnionUpdateView(RoleRequiredMixin, SavedMessageMixin, OptimisticLockMixin, UpdateView):
    roles = ADMINS
    model = Union
    form_class = UnionForm
    template_name = "unions/union_form.html"
    saved_message = gettext_lazy("The union was saved.")


class UnionDissolveView(RoleRequiredMixin, FormView):
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
        return {"dissolved_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(union=self.union, **kwargs)

    def form_valid(self, form):
        try:
            services.union_dissolve(union_id=self.union.pk, on=form.cleaned_data["dissolved_on"],
                                    by=self.request.user)
        except ValidationError as error:
            problems = (error.message_dict if hasattr(error, "error_dict")
                        else {NON_FIELD_ERRORS: error.messages})
            for field, texts in problems.items():
                form.add_error(field if field in form.fields else None, texts)
            return self.form_invalid(form)
        messages.success(self.request, _("The union was marked as dissolved."))
        return redirect(self.union)


class HeadcountFormMixin(RoleRequiredMixin, SavedMessageMixin):
    roles = ADMINS
    model = HeadcountReturn
    form_class = HeadcountReturnForm
    template_name = "unions/headcount_form.html"
    saved_message = gettext_lazy("The headcount return was saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "union": self.union}

    def get_context_data(self, **kwargs):
        return super().get_context_data(union=self.union, **kwargs)

    def get_success_url(self):
        return self.union.get_absolute_url()


class HeadcountCreateView(HeadcountFormMixin, IdempotentCreateMixin, CreateView):
    @cached_property
    def union(self) -> Union:
        return get_object_or_404(Union, pk=self.kwargs["pk"])


class HeadcountUpdateView(HeadcountFormMixin, OptimisticLockMixin, UpdateView):
    def get_queryset(self):
        return HeadcountReturn.objects.select_related("union")

    @property
    def union(self) -> Union:
        return self.object.union
