from django.urls import path

from accounts.roles import ADMINS
from core.imports import import_urls

from . import views
from .imports import HeadcountImporter

app_name = "unions"

urlpatterns = [
    path("", views.UnionListView.as_view(), name="union-list"),
    path("search/", views.UnionSearchView.as_view(), name="union-search"),
    path("new/", views.UnionCreateView.as_view(), name="union-create"),
    path("<int:pk>/", views.UnionDetailView.as_view(), name="union-detail"),
    path("<int:pk>/edit/", views.UnionUpdateView.as_view(), name="union-update"),
    path("<int:pk>/dissolve/", views.UnionDissolveView.as_view(), name="union-dissolve"),
    path("<int:pk>/returns/new/", views.HeadcountCreateView.as_view(), name="headcount-create"),
    path("returns/<int:pk>/edit/", views.HeadcountUpdateView.as_view(), name="headcount-update"),
    path("export.xlsx", views.UnionExportView.as_view(), name="union-export"),
    *import_urls(HeadcountImporter, name="headcount", roles=ADMINS,
                 done_url="unions:union-list", prefix="returns/import/"),
]
