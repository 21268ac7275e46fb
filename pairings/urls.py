from django.urls import path

from accounts.roles import EDITORS
from core.imports import import_urls

from . import edit_views, views
from .imports import PairingImporter

app_name = "pairings"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("rounds/new/", edit_views.RoundCreateView.as_view(), name="round-create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("rounds/<int:pk>/edit/", edit_views.RoundUpdateView.as_view(), name="round-update"),
    path("pairs/", views.PairingListView.as_view(), name="pairing-list"),
    path("pairs/new/", edit_views.PairingCreateView.as_view(), name="pairing-create"),
    path("pairs/<int:pk>/", views.PairingDetailView.as_view(), name="pairing-detail"),
    path("pairs/<int:pk>/exit/", edit_views.PairingExitView.as_view(), name="pairing-exit"),
    path("pairs/<int:pk>/projects/new/", edit_views.ProjectCreateView.as_view(),
         name="project-create"),
    path("projects/", views.ProjectListView.as_view(), name="project-list"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("projects/<int:pk>/edit/", edit_views.ProjectUpdateView.as_view(),
         name="project-update"),
    path("funds/", views.FundListView.as_view(), name="fund-list"),
    path("funds/new/", edit_views.FundEntryCreateView.as_view(), name="fund-create"),
    path("funds/<int:pk>/", views.FundEntryDetailView.as_view(), name="fund-detail"),
    path("funds/<int:pk>/edit/", edit_views.FundEntryUpdateView.as_view(), name="fund-update"),
    path("student-aid/", views.StudentAidView.as_view(), name="student-aid"),
    *import_urls(PairingImporter, name="pairs", roles=EDITORS,
                 done_url="pairings:pairing-list", prefix="pairs/import/"),
]
