from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import has_role
from core.audit import history_entries
from core.views import IdempotentCreateMixin, OptimisticLockMixin
from unions.models import Union

from .. import services
from ..forms import BatchVisitForm, CampaignForm
from ..models import AidCase, Campaign, HardshipWorker
from .common import ENTERING

COUNTED = Q(cases__status__in=AidCase.COUNTED_STATUSES)
PENDING = Q(cases__status__in=AidCase.PENDING_STATUSES)


class CampaignListView(RoleRequiredMixin, ListView):
    model = Campaign
    paginate_by = 50
    template_name = "aid/campaign_list.html"
    context_object_name = "campaigns"

    def get_queryset(self):
        return Campaign.objects.annotate(
            counted_workers=Count("cases__worker", filter=COUNTED, distinct=True),
            counted_money=Sum("cases__amount", filter=COUNTED),
            pending_cases=Count("cases", filter=PENDING),
        ).order_by("-starts_on", "name")


class CampaignDetailView(RoleRequiredMixin, DetailView):
    model = Campaign
    template_name = "aid/campaign_detail.html"
    context_object_name = "campaign"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = (self.object.cases.values("status")
                .annotate(cases=Count("pk"), workers=Count("worker", distinct=True),
                          money=Sum("amount")))
        by_status = {row["status"]: row for row in rows}
        context["by_status"] = [
            {"status": status, "label": label, **by_status.get(status, {})}
            for status, label in AidCase.Status.choices
        ]
        context["history"] = history_entries(self.object)
        context["can_edit"] = has_role(self.request.user, *ENTERING)
        return context


class CampaignCreateView(RoleRequiredMixin, IdempotentCreateMixin, CreateView):
    roles = ENTERING
    model = Campaign
    form_class = CampaignForm
    template_name = "aid/campaign_form.html"


class CampaignUpdateView(RoleRequiredMixin, OptimisticLockMixin, UpdateView):
    roles = ENTERING
    model = Campaign
    form_class = CampaignForm
    template_name = "aid/campaign_form.html"


class CampaignBatchView(RoleRequiredMixin, TemplateView):
    """Tick the workers visited in a campaign and record all the visits in one submit."""

    roles = ENTERING
    template_name = "aid/campaign_batch.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def workers(self):
        """Workers in hardship during the campaign, with whether they were visited in it."""
        visited = AidCase.objects.filter(worker=OuterRef("pk"), campaign=self.campaign,
                                         kind=AidCase.Kind.VISIT).exclude(
            status=AidCase.Status.REJECTED)
        workers = (HardshipWorker.objects
                   .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=self.campaign.starts_on),
                           registered_on__lte=self.campaign.ends_on)
                   .select_related("union").annotate(visited=Exists(visited)))
        union, level = self.request.GET.get("union", ""), self.request.GET.get("level", "")
        if union.isdigit():
            workers = workers.filter(union_id=int(union))
        if level in HardshipWorker.HardshipLevel.values:
            workers = workers.filter(hardship_level=level)
        return workers.order_by("visited", "union__name", "name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        context.setdefault("form", BatchVisitForm(initial={
            "amount": self.campaign.standard_amount,
            "granted_on": min(self.campaign.ends_on, timezone.localdate())}))
        context["workers"] = self.workers()
        context["ticked"] = {str(pk) for pk in self.request.POST.getlist("workers")}
        context["unions"] = Union.objects.order_by("name").only("pk", "name")
        context["levels"] = HardshipWorker.HardshipLevel.choices
        context["union"] = self.request.GET.get("union", "")
        context["level"] = self.request.GET.get("level", "")
        return context

    def post(self, request, *args, **kwargs):
        form = BatchVisitForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                cases = services.batch_visits(
                    by=request.user, campaign=self.campaign, workers=data["workers"],
                    amount=data["amount"], granted_on=data["granted_on"],
                    method=data["method"], submit=data["submit_now"])
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, ngettext(
                    "%(count)d visit recorded.", "%(count)d visits recorded.", len(cases))
                    % {"count": len(cases)})
                return redirect(self.campaign)
        return self.render_to_response(self.get_context_data(form=form))
