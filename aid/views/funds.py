"""Aid money pages: the ledger, fund sources and allocations (administrators), the 收支明细
statement, payment batches and their files, and the queue's bulk decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import ADMINS, DECIDERS, PAYMENT_PREPARERS, has_role
from core.audit import history_entries
from core.edit import RecordCreateView, RecordUpdateView
from core.exports import XLSX_CONTENT_TYPE, attachment, xlsx_response
from core.text import ascii_int

from .. import funds_files, funds_selectors, funds_services, services
from ..funds_forms import (
    BatchCreateForm,
    BatchPayForm,
    BulkDecisionForm,
    FundAllocationForm,
    FundSourceForm,
    KindDefaultsForm,
    LineFailForm,
    StatementForm,
)
from ..funds_models import (
    FundAllocation,
    FundSource,
    KindFundSource,
    PaymentBatch,
    PaymentFileDownload,
    PaymentLine,
)
from ..models import AidCase

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> int:
    year = ascii_int(request.GET.get("year"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


# --- the ledger and the sources -------------------------------------------------------------

class LedgerView(RoleRequiredMixin, TemplateView):
    """Every source in a year: allocated, committed, paid, balance."""

    template_name = "aid/funds/ledger.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        rows = funds_selectors.ledger(year)
        context.update(year=year, rows=rows, totals=funds_selectors.ledger_totals(rows),
                       years=sorted({year, *funds_selectors.ledger_years()}, reverse=True),
                       can_manage=has_role(self.request.user, *ADMINS),
                       kind_defaults=KindFundSource.objects.select_related("source"))
        return context


class FundSourceDetailView(RoleRequiredMixin, DetailView):
    model = FundSource
    template_name = "aid/funds/source_detail.html"
    context_object_name = "source"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object
        years = sorted({*source.allocations.values_list("year", flat=True),
                        *(d.year for d in source.cases.dates("granted_on", "year")),
                        timezone.localdate().year}, reverse=True)
        context["ledger"] = [funds_selectors.ledger(year, [source])[0] for year in years]
        context["allocations"] = source.allocations.order_by("-year", "-received_on", "-pk")
        context["history"] = history_entries(source)
        context["can_manage"] = has_role(self.request.user, *ADMINS)
        year = _year(self.request)
        context["statement_form"] = StatementForm(initial={
            "start": f"{year}-01-01", "end": f"{year}-12-31"})
        return context


class FundSourceCreateView(RoleRequiredMixin, RecordCreateView):
    roles = ADMINS
    model = FundSource
    form_class = FundSourceForm
    template_name = "aid/funds/form.html"

    def save(self, form):
        return funds_services.source_save(source=form.instance, by=self.request.user)


class FundSourceUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = ADMINS
    model = FundSource
    form_class = FundSourceForm
    template_name = "aid/funds/form.html"

    def save(self, form):
        return funds_services.source_save(source=form.instance, by=self.request.user)


class AllocationCreateView(RoleRequiredMixin, RecordCreateView):
    roles = ADMINS
    model = FundAllocation
    form_class = FundAllocationForm
    template_name = "aid/funds/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.source = get_object_or_404(FundSource, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = FundAllocation(source=self.source)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, **kwargs)

    def save(self, form):
        return funds_services.allocation_save(allocation=form.instance, by=self.request.user)

    def get_success_url(self):
        return self.source.get_absolute_url()


class AllocationUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = ADMINS
    model = FundAllocation
    form_class = FundAllocationForm
    template_name = "aid/funds/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.object.source, **kwargs)

    def save(self, form):
        return funds_services.allocation_save(allocation=form.instance, by=self.request.user)

    def get_success_url(self):
        return self.object.source.get_absolute_url()


class KindDefaultsView(RoleRequiredMixin, FormView):
    """The source each kind of case is charged to by default."""

    roles = ADMINS
    form_class = KindDefaultsForm
    template_name = "aid/funds/form.html"

    def get_initial(self):
        return dict(KindFundSource.objects.values_list("kind", "source"))

    def form_valid(self, form):
        for kind, source in form.cleaned_data.items():
            current = KindFundSource.objects.filter(kind=kind).first()
            if source is None:
                if current is not None:
                    current._history_user = self.request.user
                    current.delete()
                continue
            current = current or KindFundSource(kind=kind)
            current.source = source
            current._history_user = self.request.user
            current.save()
        messages.success(self.request, _("The default fund sources were saved."))
        return redirect("aid:fund-ledger")


class StatementView(RoleRequiredMixin, View):
    """收支明细: the source's allocations and charged cases in a period, as .xlsx."""

    def get(self, request, pk):
        source = get_object_or_404(FundSource, pk=pk)
        year = _year(request)  # without dates: the whole year
        form = StatementForm({"start": request.GET.get("start") or f"{year}-01-01",
                              "end": request.GET.get("end") or f"{year}-12-31"})
        if not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values()
                                             for m in errors))
            return redirect(source)
        found = funds_selectors.statement(source, form.cleaned_data["start"],
                                          form.cleaned_data["end"])
        kinds = {"allocation": _("Allocation"), "case": _("Aid case")}
        rows = [[found.start, _("Brought forward"), "", "", None, None, None, found.opening]]
        running = found.opening
        for line in found.lines:
            running += line.received - line.committed - line.paid
            rows.append([line.day, kinds[line.what], line.reference, line.description,
                         line.received, line.committed, line.paid, running])
        totals = [found.end, _("Total"), "", "", found.received, found.committed, found.paid,
                  found.closing]
        headers = [_("Date"), _("Item"), _("Document or case No."), _("Description"),
                   _("Received (yuan)"), _("Committed (yuan)"), _("Paid (yuan)"),
                   _("Balance (yuan)")]
        name = _("fund-statement-%(source)s-%(start)s-%(end)s.xlsx") % {
            "source": source.name, "start": found.start, "end": found.end}
        return xlsx_response(name, headers, rows, title=_("Fund statement"), totals=totals)


# --- payment batches ------------------------------------------------------------------------

class BatchListView(RoleRequiredMixin, ListView):
    template_name = "aid/funds/batch_list.html"
    context_object_name = "batches"
    paginate_by = 50

    def get_queryset(self):
        return funds_selectors.batches()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_prepare"] = has_role(self.request.user, *PAYMENT_PREPARERS)
        context["payable_count"] = funds_selectors.payable().count()
        return context


class BatchCreateView(RoleRequiredMixin, RecordCreateView):
    """Gather approved cases (filtered by campaign or kind, then ticked) into a batch; the same
    form sent twice makes one batch (core.edit)."""

    roles = PAYMENT_PREPARERS
    model = PaymentBatch
    form_class = BatchCreateForm
    template_name = "aid/funds/batch_form.html"

    def filters(self) -> dict:
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        return {"campaign": ascii_int(source.get("campaign")), "kind": source.get("kind", "")}

    def get_initial(self):
        today = timezone.localdate()
        return {"name": _("Aid payment %(date)s") % {"date": today.isoformat()}}

    def get_context_data(self, **kwargs):
        from ..models import Campaign

        context = super().get_context_data(**kwargs)
        filters = self.filters()
        cases = funds_selectors.payable(**filters)
        context.update(cases=cases[:500], total=cases.count(), filters=filters,
                       campaigns=Campaign.objects.order_by("-starts_on"),
                       kinds=[("relief", _("All relief")), *AidCase.Kind.choices],
                       ticked={str(pk) for pk in self.request.POST.getlist("cases")})
        return context

    def save(self, form):
        data = form.cleaned_data
        return funds_services.batch_create(by=self.request.user, name=data["name"],
                                           method=data["method"], cases=data["cases"])

    def get_success_message(self, form) -> str:
        return _("%(batch)s was created with %(count)d cases.") % {
            "batch": self.object, "count": len(form.cleaned_data["cases"])}


class BatchDetailView(RoleRequiredMixin, DetailView):
    model = PaymentBatch
    template_name = "aid/funds/batch_detail.html"
    context_object_name = "batch"

    def get_queryset(self):
        return PaymentBatch.objects.select_related("created_by", "paid_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch, user = self.object, self.request.user
        lines = list(funds_selectors.batch_lines(batch))
        live = [line for line in lines if line.status != PaymentLine.Status.FAILED]
        own = [line.case_id for line in live if line.status == PaymentLine.Status.PENDING
               and line.case.touched_by(user)] if has_role(user, *DECIDERS) else []
        context.update(
            lines=lines, live_count=len(live), total=sum(line.amount for line in live),
            can_prepare=batch.is_open and has_role(user, *PAYMENT_PREPARERS),
            can_export=has_role(user, *PAYMENT_PREPARERS),
            can_pay=batch.is_open and has_role(user, *DECIDERS) and not own and live,
            own_cases=own, pay_form=BatchPayForm(initial={"paid_on": timezone.localdate()}),
            downloads=batch.downloads.select_related("downloaded_by")[:50],
            history=history_entries(batch))
        return context


class BatchFileView(RoleRequiredMixin, View):
    """A batch's file; each download is recorded (PaymentFileDownload)."""

    roles = PAYMENT_PREPARERS
    kind = PaymentFileDownload.Kind.BANK_LIST

    def get(self, request, pk):
        batch = get_object_or_404(PaymentBatch, pk=pk)
        lines = list(funds_selectors.live_lines(batch))
        total = sum((line.amount for line in lines), 0)
        funds_services.record_download(batch=batch, by=request.user, kind=self.kind,
                                       lines=len(lines), total=total)
        if self.kind == PaymentFileDownload.Kind.BANK_LIST:
            content, kind = funds_files.bank_list(batch, lines), XLSX_CONTENT_TYPE
            name = _("bank-transfer-list-%(batch)s.xlsx") % {"batch": batch.name}
        else:
            content, kind = funds_files.signing_sheet(batch, lines), DOCX_CONTENT_TYPE
            name = _("signing-sheet-%(batch)s.docx") % {"batch": batch.name}
        response = HttpResponse(content, content_type=kind)
        response["Content-Disposition"] = attachment(name)
        response["Cache-Control"] = "no-store"
        return response


class BatchPayView(RoleRequiredMixin, View):
    roles = DECIDERS
    http_method_names = ["post"]

    def post(self, request, pk):
        batch = get_object_or_404(PaymentBatch, pk=pk)
        form = BatchPayForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(m for errors in form.errors.values()
                                             for m in errors))
            return redirect(batch)
        try:
            batch = funds_services.batch_mark_paid(
                batch_id=batch.pk, by=request.user, paid_on=form.cleaned_data["paid_on"],
                note=form.cleaned_data["note"])
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
        else:
            messages.success(request, _("%(batch)s was marked paid on %(date)s.")
                             % {"batch": batch, "date": batch.paid_on})
        return redirect(batch)


class LineFailView(RoleRequiredMixin, View):
    roles = PAYMENT_PREPARERS
    http_method_names = ["post"]

    def post(self, request, pk):
        line = get_object_or_404(PaymentLine, pk=pk)
        form = LineFailForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["reason"])
            funds_services.line_fail(line_id=line.pk, by=request.user,
                                     reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(case)s is approved again, out of the batch.")
                             % {"case": line.case})
        return redirect(line.batch)


class LineRemoveView(RoleRequiredMixin, View):
    roles = PAYMENT_PREPARERS
    http_method_names = ["post"]

    def post(self, request, pk):
        line = get_object_or_404(PaymentLine, pk=pk)
        try:
            funds_services.line_remove(line_id=line.pk, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(case)s was taken out of the batch.")
                             % {"case": line.case})
        return redirect(line.batch)


# --- the queue's bulk decisions -----------------------------------------------------------

class BulkDecisionView(RoleRequiredMixin, View):
    """Approve or reject the ticked cases; one message per case, then back to the queue."""

    roles = DECIDERS
    http_method_names = ["post"]

    def post(self, request):
        form = BulkDecisionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect("aid:case-queue")
        data = form.cleaned_data
        ids = [case.pk for case in data["cases"]]
        if data["action"] == form.APPROVE:
            outcomes = services.cases_approve(case_ids=ids, by=request.user,
                                              fund_source=data["fund_source"])
            done = _("%(case)s was approved.")
        else:
            outcomes = services.cases_reject(case_ids=ids, by=request.user,
                                             reason=data["reason"])
            done = _("%(case)s was rejected.")
        for outcome in outcomes:
            if outcome.done:
                messages.success(request, done % {"case": outcome.message})
            else:
                messages.error(request, outcome.message)
        return redirect("aid:case-queue")

