from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import DECIDERS, EDITORS, has_role
from core.audit import history_entries
from core.db import work_mem
from core.edit import RecordCreateView, RecordUpdateView
from core.exports import xlsx_response
from core.lists import FilteredListView
from core.money import yuan
from core.periods import Period
from core.text import ascii_int

from .. import funds_selectors, selectors, services
from ..filters import CaseFilterSet
from ..forms import CaseForm, RejectForm
from ..models import AidCase, Campaign, FundSource, HardshipWorker, PaymentLine

# The filters that bound a list by date; without one the totals count every case.
DATE_BOUNDS = ("start", "end", "reported_from", "reported_to")
ALL_DATES_WORK_MEM = 64  # MB (core.db.work_mem)
# Kept from one case to the next by "save and add another".
CARRIED_FIELDS = ("kind", "method", "campaign", "granted_on", "amount")
TO_PAY_SHOWN = 100


class CaseListView(RoleRequiredMixin, FilteredListView):
    """The cases, filtered and sorted, with the totals of all the pages."""

    filterset_class = CaseFilterSet
    template_name = "aid/case_list.html"
    context_object_name = "cases"

    def get_queryset(self):
        return selectors.cases()

    def landing(self) -> Period | None:
        """The half-year shown when the list is opened without a query string: the current
        one, its dates filled in the filter form (cleared, every date is shown)."""
        return None if self.request.GET else Period.containing(timezone.localdate())

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        period = self.landing()
        if period is not None:
            kwargs["data"] = QueryDict(mutable=True)
            kwargs["data"].update({"start": period.start.isoformat(),
                                   "end": period.end.isoformat()})
        return kwargs

    def get_totals(self, queryset):
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        if any(data.get(name) for name in DATE_BOUNDS):
            return selectors.case_totals(queryset)  # its count spares the paginator a COUNT(*)
        # Every date (the distinct people of a million cases): sort them in memory.
        with work_mem(ALL_DATES_WORK_MEM):
            return selectors.case_totals(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_enter"] = has_role(self.request.user, *EDITORS)
        context["landing"] = period = self.landing()
        if period is not None:  # the sort, page and export links keep the landing's dates
            context["list_query"] = self.filterset.data.urlencode()
        return context


class CaseExportView(CaseListView):
    """The filtered cases (every page) as .xlsx, oldest first; ID numbers masked. The list's
    export link carries its filters (the landing's dates too): without any, every case."""

    def landing(self) -> None:
        return None

    def get(self, request, *args, **kwargs):
        cases = (self.filtered_queryset().select_related("entered_by", "approved_by")
                 .order_by("granted_on", "pk"))
        totals = self.get_totals(cases)
        headers = [_("No."), _("Worker"), _("ID number"), _("Union"), _("Kind"), _("Method"),
                   _("Campaign"), _("Amount (yuan)"), _("Granted on"), _("Status"),
                   _("Entered by"), _("Approved by"), _("Notes")]
        rows = ([c.pk, c.worker.name, c.worker.masked_id_number, c.worker.union.name,
                 c.get_kind_display(), c.get_method_display(),
                 c.campaign.name if c.campaign else "", c.amount, c.granted_on,
                 c.get_status_display(), str(c.entered_by),
                 str(c.approved_by) if c.approved_by else "", c.notes]
                for c in cases.iterator(chunk_size=500))
        total_row = [_("Total"), _("%(count)d people") % {"count": totals["workers"]},
                     "", "", "", "", "", totals["money"], "",
                     _("%(count)d cases") % {"count": totals["count"]}, "", "", ""]
        return xlsx_response(_("aid-cases.xlsx"), headers, rows, title=_("Aid cases"),
                             totals=total_row)


class CaseDetailView(RoleRequiredMixin, DetailView):
    template_name = "aid/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return selectors.case_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = self.object.allowed_actions(self.request.user)
        context["history"] = history_entries(self.object)
        context["reject_form"] = RejectForm()
        if context["actions"].can_approve:
            context["approve_sources"] = funds_selectors.active_sources()
            context["default_source"] = funds_selectors.default_source(self.object)
        context["payment_lines"] = (self.object.payment_lines.select_related("batch")
                                    .order_by("pk"))
        return context


class CaseFormMixin:
    """The case form; shown again with errors, it names the worker's first visit if any."""

    model = AidCase
    form_class = CaseForm
    template_name = "aid/case_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["first_visit"] = form.instance.first_visit_in_campaign() if form.errors else None
        return context


class CaseCreateView(RoleRequiredMixin, CaseFormMixin, RecordCreateView):
    """Fast entry: the worker found as you type, the campaign's amount filled in.

    "Save and add another" comes back to an empty form keeping kind, method, campaign, date
    and amount.
    """

    roles = EDITORS

    def get_initial(self):
        initial = {"granted_on": self.request.GET.get("granted_on") or timezone.localdate(),
                   "method": AidCase.Method.HOME}
        for field in ("kind", "method", "amount"):
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        worker = ascii_int(self.request.GET.get("worker"))
        campaign = ascii_int(self.request.GET.get("campaign"))
        if worker is not None:
            initial["worker"] = HardshipWorker.objects.filter(pk=worker).first()
        if campaign is not None:
            initial["campaign"] = chosen = Campaign.objects.filter(pk=campaign).first()
            if chosen and "amount" not in initial:
                initial["amount"] = chosen.standard_amount
            if chosen and not self.request.GET.get("granted_on"):
                # A visit of a campaign is dated within it: today, or the campaign's end
                # when it is over (its start when it has not begun).
                initial["granted_on"] = chosen.day_within(timezone.localdate())
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = AidCase(entered_by=self.request.user)
        return kwargs

    def save(self, form):
        data = form.cleaned_data
        return services.case_create(
            by=self.request.user, worker=data["worker"], kind=data["kind"],
            method=data["method"], campaign=data["campaign"], amount=data["amount"],
            granted_on=data["granted_on"], notes=data["notes"], submit=data["submit_now"])

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # Only a race gets here (the form checked the same rules): say so, save nothing.
            messages.error(self.request, " ".join(error.messages))
            return redirect("aid:case-create")

    def adding_another(self) -> bool:
        return "_addanother" in self.request.POST

    def get_success_url(self):
        if self.adding_another():
            carried = {field: self.request.POST.get(field, "") for field in CARRIED_FIELDS}
            return f"{reverse('aid:case-create')}?{urlencode(carried)}"
        return self.object.get_absolute_url()

    def get_success_message(self, form):
        case = self.object
        submitted = case.status == AidCase.Status.SUBMITTED
        if self.adding_another():
            if submitted:
                text = _("%(case)s saved and submitted for approval: %(worker)s, %(amount)s. "
                         "Enter the next one.")
            else:
                text = _("%(case)s saved as a draft: %(worker)s, %(amount)s. Enter the next one.")
            return text % {"case": case, "worker": case.worker.name, "amount": yuan(case.amount)}
        if submitted:
            return _("%(case)s saved and submitted for approval.") % {"case": case}
        return _("%(case)s saved as a draft (not submitted yet).") % {"case": case}


class CaseUpdateView(RoleRequiredMixin, CaseFormMixin, RecordUpdateView):
    """Only drafts are edited; a stale form (someone saved or submitted since) is refused."""

    roles = EDITORS

    def dispatch(self, request, *args, **kwargs):
        if has_role(request.user, *EDITORS):
            case = get_object_or_404(AidCase, pk=kwargs["pk"])
            if not case.allowed_actions(request.user).can_edit:
                messages.error(request, _("%(case)s is %(status)s: only drafts can be changed.")
                               % {"case": case, "status": case.get_status_display()})
                return redirect(case)
        return super().dispatch(request, *args, **kwargs)

    def save(self, form):
        return services.case_update(case=form.instance, by=self.request.user,
                                    seen_version=form.cleaned_data["version"])


class CaseStepView(RoleRequiredMixin, View):
    """POST only: one workflow step (a service), then back to where the user came from."""

    http_method_names = ["post"]
    service = None  # a function of aid.services taking case_id and by
    done_message = ""

    def arguments(self, request) -> dict:
        return {}

    def post(self, request, pk):
        try:
            case = self.service(case_id=pk, by=request.user, **self.arguments(request))
        except services.TransitionError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except AidCase.DoesNotExist:
            return redirect("aid:case-list")
        else:
            messages.success(request, self.done_message % {"case": case})
        return self.back(request, pk)

    @staticmethod
    def back(request, pk):
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                      require_https=request.is_secure()):
            return redirect(target)
        return redirect("aid:case-detail", pk=pk)


class CaseSubmitView(CaseStepView):
    roles = EDITORS
    service = staticmethod(services.case_submit)
    done_message = gettext_lazy("%(case)s was submitted for approval.")


class CaseApproveView(CaseStepView):
    roles = DECIDERS
    service = staticmethod(services.case_approve)
    done_message = gettext_lazy("%(case)s was approved.")

    def arguments(self, request) -> dict:
        """The fund source the leader chose (none: the case's default)."""
        pk = ascii_int(request.POST.get("fund_source"))
        return {"fund_source": FundSource.objects.filter(pk=pk).first() if pk else None}


class CaseRejectView(CaseStepView):
    roles = DECIDERS
    service = staticmethod(services.case_reject)
    done_message = gettext_lazy("%(case)s was rejected.")

    def arguments(self, request) -> dict:
        return {"reason": request.POST.get("reason", "")}


class CasePayView(CaseStepView):
    roles = DECIDERS
    service = staticmethod(services.case_mark_paid)
    done_message = gettext_lazy("%(case)s was marked paid.")


class CaseQueueView(RoleRequiredMixin, ListView):
    """The leader's queue: cases awaiting approval, then approved cases awaiting payment."""

    roles = DECIDERS
    template_name = "aid/case_queue.html"
    context_object_name = "cases"
    paginate_by = 50

    def get_queryset(self):
        return selectors.approval_queue(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        to_pay = selectors.awaiting_payment()
        context["to_pay"] = list(to_pay.select_related("fund_source")
                                 .with_touched_by(self.request.user)[:TO_PAY_SHOWN])
        context["to_pay_count"] = to_pay.count()
        context["waiting"] = selectors.case_totals(selectors.awaiting_approval())
        context["fund_sources"] = funds_selectors.active_sources()
        in_batches = dict(PaymentLine.objects.filter(
            case__in=[case.pk for case in context["to_pay"]], status=PaymentLine.Status.PENDING)
            .values_list("case_id", "batch__name"))
        for case in context["to_pay"]:
            case.open_batch = in_batches.get(case.pk, "")  # paid with its batch, not here
        return context
