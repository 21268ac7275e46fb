from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts.urls import user_patterns
from core import views as core_views
from reports import views as reports_views

urlpatterns = [
    path("", reports_views.HomeView.as_view(), name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("accounts/users/", include(user_patterns)),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("unions/", include("unions.urls")),
    path("aid/", include("aid.urls")),
    path("pairings/", include("pairings.urls")),
    path("economy/", include("economy.urls")),
    path("activities/", include("activities.urls")),
    path("reports/", include("reports.urls")),
    path("documents/", include("documents.urls")),
    path("admin/", admin.site.urls),
]


handler500 = "core.views.server_error"
