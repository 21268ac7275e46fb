from django.urls import path

from . import edit_views, views

app_name = "pairings"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("rounds/new/", edit_views.RoundCreateView.as_view(), name="round-create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("pairs/", views.PairingListView.as_view(), name="pairing-list"),
    path("pairs/new/", edit_views.PairingCreateView.as_view(), name="pairing-create"),
    path("pairs/<int:pk>/", views.PairingDetailView.as_view(), name="pairing-detail"),
    path("pairs/<int:pk>/exit/", edit_views.PairingExitView.as_view(), name="pairing-exit"),
    path("pairs/<int:pk>/projects/new/", edit_views.ProjectCreateView.as_view(),
         name="project-create"),
    path("projects/", views.ProjectListView.as_view(), name="project-list"),
    path("funds/", views.FundListView.as_view(), name="fund-list"),
    path("funds/new/", edit_views.FundEntryCreateView.as_view(), name="fund-create"),
    path("student-aid/", views.StudentAidView.as_view(), name="student-aid"),
]
