"""The archive procedure's pages: the steps posted from the archive page (survey, notice,
objections, approval), the overdue list and the yearly review rounds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import DECIDERS, EDITORS, has_role

from .. import archive_selectors, archive_services
from ..forms import NoticeForm, ObjectionForm, OutcomeForm, ResolveForm, ReviewRoundForm, SurveyForm
from ..models import HardshipWorker, NoticeObjection, ReviewRound


def _refused(request, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("Your role does not allow this."))
        return
    for message in error.messages:
        messages.error(request, message)


class ArchiveStepView(RoleRequiredMixin, View):
    """Post one step of an archive's procedure from its page; back to the page either way (a
    refused step says why, with the form's errors when the form was wrong)."""

    roles = EDITORS
    form_class = None
    prefix = None  # the form's prefix on the archive page

    def post(self, request, pk: int):
        worker = get_object_or_404(HardshipWorker, pk=pk)
        form = self.form_class(request.POST, prefix=self.prefix) if self.form_class else None
        if form is not None and not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}：{error}" if label else error)
            return redirect(worker)
        try:
            self.step(worker, form.cleaned_data if form else {})
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
        else:
            messages.success(request, self.done)
        return redirect(worker)

    def step(self, worker: HardshipWorker, data: dict) -> None:
        raise NotImplementedError


class SurveyView(ArchiveStepView):
    prefix = "survey"
    form_class = SurveyForm
    done = _("Home survey recorded.")

    def step(self, worker, data):
        archive_services.survey_record(worker_id=worker.pk, by=self.request.user, **data)


class NoticeView(ArchiveStepView):
    prefix = "notice"
    form_class = NoticeForm
    done = _("Public notice recorded.")

    def step(self, worker, data):
        archive_services.notice_start(worker_id=worker.pk, by=self.request.user, **data)


class ObjectionView(ArchiveStepView):
    prefix = "objection"
    form_class = ObjectionForm
    done = _("Objection recorded.")

    def step(self, worker, data):
        notice = worker.notices.order_by("-starts_on", "-pk").first()
        if notice is None:
            raise ValidationError(_("The archive is not in public notice."))
        archive_services.objection_record(notice_id=notice.pk, by=self.request.user, **data)


class ResolveView(ArchiveStepView):
    prefix = "resolve"
    form_class = ResolveForm
    done = _("Objection resolved.")

    def post(self, request, pk: int):
        self.objection = get_object_or_404(NoticeObjection.objects.select_related(
            "notice"), pk=pk)
        return super().post(request, self.objection.notice.worker_id)

    def step(self, _worker, data):
        archive_services.objection_resolve(objection_id=self.objection.pk,
                                           by=self.request.user, **data)


class ApproveView(ArchiveStepView):
    roles = DECIDERS
    done = _("Archive approved: it is active from today.")

    def step(self, worker, _data):
        archive_services.archive_approve(worker_id=worker.pk, by=self.request.user)


class ReviewListView(RoleRequiredMixin, ListView):
    template_name = "aid/archive/review_list.html"
    context_object_name = "rounds"
    paginate_by = 50

    def get_queryset(self):
        return archive_selectors.review_rounds()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = ReviewRoundForm()
        context["can_edit"] = has_role(self.request.user, *EDITORS)
        context["overdue_url"] = archive_selectors.overdue_url()
        return context


class ReviewOpenView(RoleRequiredMixin, View):
    """Open the review round of a year (staff)."""

    roles = EDITORS

    def post(self, request):
        form = ReviewRoundForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("aid:review-list")
        review = archive_services.round_open(year=form.cleaned_data["year"], by=request.user)
        return redirect("aid:review-detail", review.pk)


class ReviewDetailView(RoleRequiredMixin, DetailView):
    """One round: every archive with its outcome; staff record, a leader approves."""

    model = ReviewRound
    template_name = "aid/archive/review_detail.html"
    context_object_name = "review"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review, user = self.object, self.request.user
        context["rows"] = archive_selectors.round_rows(review)
        context["can_record"] = has_role(user, *EDITORS) and not review.is_approved
        context["can_approve"] = has_role(user, *DECIDERS) and not review.is_approved
        context["form"] = kwargs.get("form") or OutcomeForm(
            workers=archive_selectors.reviewable())
        return context


class OutcomeView(RoleRequiredMixin, View):
    """Record one archive's outcome in a round (staff); errors are shown as messages."""

    roles = EDITORS

    def post(self, request, pk: int):
        review = get_object_or_404(ReviewRound, pk=pk)
        form = OutcomeForm(request.POST, workers=archive_selectors.reviewable())
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}：{error}" if label else error)
            return redirect("aid:review-detail", review.pk)
        data = form.cleaned_data
        try:
            archive_services.outcome_record(
                review=review, worker=data["worker"], by=request.user,
                decision=data["decision"], surveyed_on=data["surveyed_on"],
                new_level=data["new_level"], exit_reason=data["exit_reason"],
                notes=data["notes"])
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Review outcome recorded."))
        return redirect("aid:review-detail", review.pk)


class ReviewApproveView(RoleRequiredMixin, View):
    """A leader approves a round's results: they take effect (archive_services.round_approve)."""

    roles = DECIDERS

    def post(self, request, pk: int):
        review = get_object_or_404(ReviewRound, pk=pk)
        try:
            archive_services.round_approve(review_id=review.pk, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
        else:
            messages.success(request, _("The review round is approved and applied."))
        return redirect("aid:review-detail", review.pk)
