from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import has_role
from core.audit import history_entries
from core.exports import xlsx_response
from core.money import yuan
from core.views import IdempotentCreateMixin, OptimisticLockMixin

from .. import services
from ..forms import CaseFilterForm, CaseForm, RejectForm
from ..models import AidCase, Campaign, HardshipWorker
from .common import DECIDING, ENTERING, SortMixin

# Kept from one case to the next by "save and add another".
CARRIED_FIELDS = ("kind", "method", "campaign", "granted_on", "amount")


def filtered_cases(request) -> tuple[CaseFilterForm, object]:
    form = CaseFilterForm(request.GET or None)
    cases = AidCase.objects.select_related("worker", "worker__union", "campaign")
    return form, (form.filter(cases) if form.is_bound else cases)


def case_totals(cases) -> dict:
    """Cases, distinct people and money of a filtered set, in one query."""
    return cases.aggregate(cases=Count("pk"), workers=Count("worker", distinct=True),
                           money=Sum("amount"))


class CaseListView(RoleRequiredMixin, SortMixin, ListView):
    paginate_by = 50
    template_name = "aid/case_list.html"
    context_object_name = "cases"
    sort_fields = {"granted": "granted_on", "amount": "amount", "worker": "worker__name",
                   "status": "status"}
    default_sort = "-granted"

    def get_queryset(self):
        self.filter_form, cases = filtered_cases(self.request)
        self.totals = case_totals(cases)
        return cases.order_by(*self.sort_order())

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = self.totals["cases"]  # counted with the totals: no second COUNT(*)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["totals"] = self.totals
        context["can_enter"] = has_role(self.request.user, *ENTERING)
        return context


class CaseExportView(RoleRequiredMixin, View):
    """The filtered cases as .xlsx; ID numbers masked."""

    def get(self, request):
        _form, cases = filtered_cases(request)
        cases = cases.select_related("entered_by", "approved_by").order_by("granted_on", "pk")
        totals = case_totals(cases)
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
                     "", "", "", "", "", totals["money"] or 0, "",
                     _("%(count)d cases") % {"count": totals["cases"]}, "", "", ""]
        return xlsx_response(_("aid-cases.xlsx"), headers, rows, title=_("Aid cases"),
                             totals=total_row)


class CaseDetailView(RoleRequiredMixin, DetailView):
    template_name = "aid/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return AidCase.objects.select_related(
            "worker", "worker__union", "campaign", "entered_by", "submitted_by",
            "approved_by", "paid_by", "rejected_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_actions(self.request.user, self.object))
        context["history"] = history_entries(self.object)
        context["reject_form"] = RejectForm()
        return context


def case_actions(user, case: AidCase) -> dict:
    """What this user may do with this case now (the services check again)."""
    entering, deciding = has_role(user, *ENTERING), has_role(user, *DECIDING)
    status = case.status
    own = deciding and status == AidCase.Status.SUBMITTED and case.touched_by(user)
    return {
        "can_edit": entering and status == AidCase.Status.DRAFT,
        "can_submit": entering and status == AidCase.Status.DRAFT,
        "can_approve": deciding and status == AidCase.Status.SUBMITTED and not own,
        "can_reject": deciding and status == AidCase.Status.SUBMITTED,
        "can_pay": deciding and status == AidCase.Status.APPROVED,
        "own_case": own,
    }


class CaseFormMixin:
    model = AidCase
    form_class = CaseForm
    template_name = "aid/case_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["first_visit"] = form.instance.first_visit_in_campaign() if form.errors else None
        return context


class CaseSaveMixin:
    """Creation goes through the service: role, rules, and the entering user recorded."""

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            case = services.case_create(
                by=self.request.user, worker=data["worker"], kind=data["kind"],
                method=data["method"], campaign=data["campaign"], amount=data["amount"],
                granted_on=data["granted_on"], notes=data["notes"], submit=data["submit_now"])
        except ValidationError as error:
            # Only a race gets here (the form checked the same rules): say so, save nothing.
            messages.error(self.request, " ".join(error.messages))
            return redirect("aid:case-create")
        self.object = case
        if "_addanother" in self.request.POST:
            messages.success(self.request, _("%(case)s saved: %(worker)s, %(amount)s. "
                                             "Enter the next one.")
                             % {"case": case, "worker": case.worker.name,
                                "amount": yuan(case.amount)})
            carried = {f: self.request.POST.get(f, "") for f in CARRIED_FIELDS}
            return redirect(f"{reverse('aid:case-create')}?{urlencode(carried)}")
        messages.success(self.request, _("%(case)s saved.") % {"case": case})
        return redirect(case)


class CaseCreateView(RoleRequiredMixin, IdempotentCreateMixin, CaseSaveMixin, CaseFormMixin,
                     CreateView):
    """Fast entry: the worker found as you type, the campaign's amount filled in."""

    roles = ENTERING

    def get_initial(self):
        initial = {"granted_on": self.request.GET.get("granted_on") or timezone.localdate(),
                   "method": AidCase.Method.HOME}
        for field in ("kind", "method", "amount"):
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        worker, campaign = self.request.GET.get("worker", ""), self.request.GET.get("campaign", "")
        if worker.isdigit():
            initial["worker"] = HardshipWorker.objects.filter(pk=int(worker)).first()
        if campaign.isdigit():
            initial["campaign"] = Campaign.objects.filter(pk=int(campaign)).first()
            if initial["campaign"] and "amount" not in initial:
                initial["amount"] = initial["campaign"].standard_amount
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = AidCase(entered_by=self.request.user)
        return kwargs


class CaseUpdateView(RoleRequiredMixin, OptimisticLockMixin, CaseFormMixin, UpdateView):
    """Only drafts are edited; a stale form (someone saved or submitted since) is refused."""

    roles = ENTERING

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and has_role(request.user, *ENTERING):
            case = get_object_or_404(AidCase, pk=kwargs["pk"])
            if not case.is_editable:
                messages.error(request, _("%(case)s is %(status)s: only drafts can be changed.")
                               % {"case": case, "status": case.get_status_display()})
                return redirect(case)
        return super().dispatch(request, *args, **kwargs)


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
    roles = ENTERING
    service = staticmethod(services.case_submit)
    done_message = gettext_lazy("%(case)s was submitted for approval.")


class CaseApproveView(CaseStepView):
    roles = DECIDING
    service = staticmethod(services.case_approve)
    done_message = gettext_lazy("%(case)s was approved.")


class CaseRejectView(CaseStepView):
    roles = DECIDING
    service = staticmethod(services.case_reject)
    done_message = gettext_lazy("%(case)s was rejected.")

    def arguments(self, request) -> dict:
        return {"reason": request.POST.get("reason", "")}


class CasePayView(CaseStepView):
    roles = DECIDING
    service = staticmethod(services.case_mark_paid)
    done_message = gettext_lazy("%(case)s was marked paid.")


class CaseQueueView(RoleRequiredMixin, ListView):
    """The leader's queue: cases awaiting approval, then approved cases awaiting payment."""

    roles = DECIDING
    template_name = "aid/case_queue.html"
    context_object_name = "cases"
    paginate_by = 50

    def get_queryset(self):
        return (AidCase.objects.filter(status=AidCase.Status.SUBMITTED)
                .select_related("worker", "worker__union", "campaign", "entered_by")
                .with_touched_by(self.request.user)
                .order_by("submitted_at", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["to_pay"] = (AidCase.objects.filter(status=AidCase.Status.APPROVED)
                             .select_related("worker", "worker__union", "campaign",
                                             "approved_by")
                             .order_by("approved_at", "pk")[:100])
        context["to_pay_count"] = AidCase.objects.filter(status=AidCase.Status.APPROVED).count()
        context["waiting"] = case_totals(
            AidCase.objects.filter(status=AidCase.Status.SUBMITTED))
        return context
