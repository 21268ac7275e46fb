from django.urls import path

from accounts.roles import EDITORS
from core.imports import import_urls

from .funds_models import PaymentFileDownload
from .national_form_excel import ArchiveImporter
from .views import archive, campaigns, cases, funds, national_form, workers

app_name = "aid"

urlpatterns = [
    path("workers/", workers.WorkerListView.as_view(), name="worker-list"),
    path("workers/new/", workers.WorkerCreateView.as_view(), name="worker-create"),
    path("workers/search/", workers.WorkerSearchView.as_view(), name="worker-search"),
    path("workers/<int:pk>/", workers.WorkerDetailView.as_view(), name="worker-detail"),
    path("workers/<int:pk>/edit/", workers.WorkerUpdateView.as_view(), name="worker-update"),
    path("workers/<int:pk>/survey/", archive.SurveyView.as_view(), name="archive-survey"),
    path("workers/<int:pk>/notice/", archive.NoticeView.as_view(), name="archive-notice"),
    path("workers/<int:pk>/objection/", archive.ObjectionView.as_view(),
         name="archive-objection"),
    path("objections/<int:pk>/resolve/", archive.ResolveView.as_view(), name="archive-resolve"),
    path("workers/<int:pk>/approve/", archive.ApproveView.as_view(), name="archive-approve"),
    path("reviews/", archive.ReviewListView.as_view(), name="review-list"),
    path("reviews/open/", archive.ReviewOpenView.as_view(), name="review-open"),
    path("reviews/<int:pk>/", archive.ReviewDetailView.as_view(), name="review-detail"),
    path("reviews/<int:pk>/outcome/", archive.OutcomeView.as_view(), name="review-outcome"),
    path("reviews/<int:pk>/approve/", archive.ReviewApproveView.as_view(),
         name="review-approve"),
    # The national form (困难职工档案表): Word, Excel export and import.
    path("workers/<int:pk>/form/", national_form.ArchiveFormView.as_view(), name="archive-form"),
    path("workers/forms/", national_form.ArchiveFormBatchView.as_view(),
         name="archive-form-batch"),
    path("workers/export/", national_form.ArchiveExportView.as_view(), name="archive-export"),
    path("workers/export/full/", national_form.ArchiveFullExportView.as_view(),
         name="archive-export-full"),
    *import_urls(ArchiveImporter, name="archives", roles=EDITORS, done_url="aid:worker-list",
                 prefix="workers/import/"),
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
