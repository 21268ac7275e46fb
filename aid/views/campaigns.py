"""The campaign pages: the list, one campaign's figures, and recording its visits at once."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView, TemplateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS, has_role
from core.audit import history_entries
from core.edit import RecordCreateView, RecordUpdateView

from .. import selectors, services
from ..filters import CampaignWorkerFilterSet
from ..forms import BatchVisitForm, CampaignForm
from ..models import Campaign


class CampaignListView(RoleRequiredMixin, ListView):
    paginate_by = 50
    template_name = "aid/campaign_list.html"
    context_object_name = "campaigns"

    def get_queryset(self):
        return selectors.campaigns()


class CampaignDetailView(RoleRequiredMixin, DetailView):
    model = Campaign
    template_name = "aid/campaign_detail.html"
    context_object_name = "campaign"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["by_status"] = selectors.campaign_by_status(self.object)
        context["history"] = history_entries(self.object)
        context["can_edit"] = has_role(self.request.user, *EDITORS)
        return context


class CampaignCreateView(RoleRequiredMixin, RecordCreateView):
    roles = EDITORS
    model = Campaign
    form_class = CampaignForm
    template_name = "aid/campaign_form.html"


class CampaignUpdateView(RoleRequiredMixin, RecordUpdateView):
    roles = EDITORS
    model = Campaign
    form_class = CampaignForm
    template_name = "aid/campaign_form.html"


class CampaignBatchView(RoleRequiredMixin, TemplateView):
    """Tick the workers visited in a campaign and record all the visits in one submit."""

    roles = EDITORS
    template_name = "aid/campaign_batch.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workers = CampaignWorkerFilterSet(self.request.GET or None,
                                          queryset=selectors.campaign_workers(self.campaign))
        context["campaign"] = self.campaign
        context.setdefault("form", BatchVisitForm(initial={
            "amount": self.campaign.standard_amount,
            "granted_on": min(self.campaign.ends_on, timezone.localdate())}))
        context["filter"] = workers
        context["workers"] = workers.rows()
        context["ticked"] = {str(pk) for pk in self.request.POST.getlist("workers")}
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
