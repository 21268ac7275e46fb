from django.urls import path

from .funds_models import PaymentFileDownload
from .views import campaigns, cases, funds, workers

app_name = "aid"

urlpatterns = [
    path("workers/", workers.WorkerListView.as_view(), name="worker-list"),
    path("workers/new/", workers.WorkerCreateView.as_view(), name="worker-create"),
    path("workers/search/", workers.WorkerSearchView.as_view(), name="worker-search"),
    path("workers/<int:pk>/", workers.WorkerDetailView.as_view(), name="worker-detail"),
    path("workers/<int:pk>/edit/", workers.WorkerUpdateView.as_view(), name="worker-update"),
    path("campaigns/", campaigns.CampaignListView.as_view(), name="campaign-list"),
    path("campaigns/new/", campaigns.CampaignCreateView.as_view(), name="campaign-create"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", campaigns.CampaignUpdateView.as_view(),
         name="campaign-update"),
    path("campaigns/<int:pk>/visits/", campaigns.CampaignBatchView.as_view(),
         name="campaign-batch"),
    path("cases/", cases.CaseListView.as_view(), name="case-list"),
    path("cases/export/", cases.CaseExportView.as_view(), name="case-export"),
    path("cases/queue/", cases.CaseQueueView.as_view(), name="case-queue"),
    path("cases/new/", cases.CaseCreateView.as_view(), name="case-create"),
    path("cases/<int:pk>/", cases.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<int:pk>/edit/", cases.CaseUpdateView.as_view(), name="case-update"),
    path("cases/<int:pk>/submit/", cases.CaseSubmitView.as_view(), name="case-submit"),
    path("cases/<int:pk>/approve/", cases.CaseApproveView.as_view(), name="case-approve"),
    path("cases/<int:pk>/reject/", cases.CaseRejectView.as_view(), name="case-reject"),
    path("cases/<int:pk>/pay/", cases.CasePayView.as_view(), name="case-pay"),
    path("cases/queue/decide/", funds.BulkDecisionView.as_view(), name="case-bulk-decision"),
    # aid money (issue 17)
    path("funds/", funds.LedgerView.as_view(), name="fund-ledger"),
    path("funds/new/", funds.FundSourceCreateView.as_view(), name="fund-create"),
    path("funds/defaults/", funds.KindDefaultsView.as_view(), name="fund-defaults"),
    path("funds/<int:pk>/", funds.FundSourceDetailView.as_view(), name="fund-detail"),
    path("funds/<int:pk>/edit/", funds.FundSourceUpdateView.as_view(), name="fund-update"),
    path("funds/<int:pk>/statement/", funds.StatementView.as_view(), name="fund-statement"),
    path("funds/<int:pk>/allocations/new/", funds.AllocationCreateView.as_view(),
         name="allocation-create"),
    path("funds/allocations/<int:pk>/edit/", funds.AllocationUpdateView.as_view(),
         name="allocation-update"),
    path("batches/", funds.BatchListView.as_view(), name="batch-list"),
    path("batches/new/", funds.BatchCreateView.as_view(), name="batch-create"),
    path("batches/<int:pk>/", funds.BatchDetailView.as_view(), name="batch-detail"),
    path("batches/<int:pk>/bank-list/", funds.BatchFileView.as_view(), name="batch-bank-list"),
    path("batches/<int:pk>/signing-sheet/",
         funds.BatchFileView.as_view(kind=PaymentFileDownload.Kind.SIGNING_SHEET),
         name="batch-signing-sheet"),
    path("batches/<int:pk>/pay/", funds.BatchPayView.as_view(), name="batch-pay"),
    path("batches/lines/<int:pk>/fail/", funds.LineFailView.as_view(), name="line-fail"),
    path("batches/lines/<int:pk>/remove/", funds.LineRemoveView.as_view(), name="line-remove"),
]
