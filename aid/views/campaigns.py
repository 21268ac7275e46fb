"""The campaign pages: the list, one campaign's figures, and recording its visits at once."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView, TemplateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS, has_role
from core.audit import history_entries
from core.edit import RecordCreateView, RecordUpdateView

from .. import selectors, services
from ..filters import CampaignWorkerFilterSet
from ..forms import BatchVisitForm, CampaignForm
from ..models import AidCase, Campaign


def batch_message(cases: list[AidCase], *, submitted: bool) -> str:
    """What a batch did: how many visits, on how many days, submitted or kept as drafts."""
    count, days = len(cases), len({case.granted_on for case in cases})
    if submitted:
        text = ngettext("%(count)d visit saved and submitted for approval.",
                        "%(count)d visits saved and submitted for approval.", count)
    else:
        text = ngettext("%(count)d visit saved as a draft (not submitted yet).",
                        "%(count)d visits saved as drafts (not submitted yet).", count)
    text %= {"count": count}
    if days > 1:
        text += " " + _("They are dated on %(days)d different days.") % {"days": days}
    return text


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
            "granted_on": self.campaign.day_within(timezone.localdate())}))
        context["filter"] = workers
        context["workers"] = rows = list(workers.rows())
        form = context["form"]
        for worker in rows:  # each row's own date, as typed, and why it was refused
            worker.batch_date = form.row_date(worker.pk)
            worker.batch_errors = form.row_errors.get(worker.pk, ())
        context["ticked"] = {str(pk) for pk in self.request.POST.getlist("workers")}
        context["latest_day"] = min(self.campaign.ends_on, timezone.localdate())
        return context

    def post(self, request, *args, **kwargs):
        form = BatchVisitForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                cases = services.batch_visits(
                    by=request.user, campaign=self.campaign, workers=data["workers"],
                    amount=data["amount"], granted_on=data["granted_on"],
                    method=data["method"], submit=data["submit_now"], dates=data["dates"])
            except services.BatchRefused as error:
                form.row_errors.update(error.by_worker)
                form.add_error(None, _("Nothing was saved: %(count)d of the ticked visits "
                                       "cannot be recorded (see beside the workers).")
                               % {"count": len(error.by_worker)})
                for message in error.messages:
                    form.add_error(None, message)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, batch_message(cases, submitted=data["submit_now"]))
                return redirect(self.campaign)
        return self.render_to_response(self.get_context_data(form=form))
