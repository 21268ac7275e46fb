from django.urls import path

from accounts.roles import EDITORS
from core.imports import import_urls

from . import views
from .imports import ReturnImporter

app_name = "economy"

urlpatterns = [
    path("", views.SectorTableView.as_view(), name="sector-table"),
    path("sectors.xlsx", views.SectorExportView.as_view(), name="sector-export"),
    path("households/", views.HouseholdListView.as_view(), name="household-list"),
    path("households/new/", views.HouseholdCreateView.as_view(), name="household-create"),
    path("households/<int:pk>/", views.HouseholdDetailView.as_view(), name="household-detail"),
    path("households/<int:pk>/edit/", views.HouseholdUpdateView.as_view(),
         name="household-update"),
    path("returns/", views.ReturnListView.as_view(), name="return-list"),
    path("returns/new/", views.ReturnCreateView.as_view(), name="return-create"),
    path("returns/<int:pk>/", views.ReturnDetailView.as_view(), name="return-detail"),
    path("returns/<int:pk>/edit/", views.ReturnUpdateView.as_view(), name="return-update"),
    path("targets/", views.TargetListView.as_view(), name="target-list"),
    path("targets/new/", views.TargetCreateView.as_view(), name="target-create"),
    path("targets/<int:pk>/", views.TargetDetailView.as_view(), name="target-detail"),
    path("targets/<int:pk>/edit/", views.TargetUpdateView.as_view(), name="target-update"),
    path("grants/", views.GrantListView.as_view(), name="grant-list"),
    path("grants/new/", views.GrantCreateView.as_view(), name="grant-create"),
    path("grants/<int:pk>/", views.GrantDetailView.as_view(), name="grant-detail"),
    path("grants/<int:pk>/edit/", views.GrantUpdateView.as_view(), name="grant-update"),
    *import_urls(ReturnImporter, name="return", roles=EDITORS,
                 done_url="economy:return-list", prefix="returns/import/"),
]
