from django.urls import path, register_converter

from . import setup, views


class HalfConverter:
    regex = "h1|h2|year"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(HalfConverter, "half")

app_name = "reports"
urlpatterns = [
    path("", views.PeriodListView.as_view(), name="period-list"),
    path("setup/", setup.SetupView.as_view(), name="setup"),
    path("federation/", setup.SettingsView.as_view(), name="federation"),
    path("<int:year>/<half:half>/", views.SummaryView.as_view(), name="summary"),
    path("<int:year>/<half:half>/edit/", views.NarrativeEditView.as_view(), name="summary-edit"),
    path("<int:year>/<half:half>/publish/", views.PublishView.as_view(), name="summary-publish"),
    path("<int:year>/<half:half>/docx", views.SummaryDocxView.as_view(), name="summary-docx"),
    path("<int:year>/<half:half>/xlsx", views.SummaryXlsxView.as_view(), name="summary-xlsx"),
    path("<int:year>/<half:half>/v<int:number>/", views.PublicationView.as_view(),
         name="publication"),
    path("<int:year>/<half:half>/v<int:number>/docx", views.PublicationDocxView.as_view(),
         name="publication-docx"),
    path("<int:year>/<half:half>/v<int:number>/xlsx", views.PublicationXlsxView.as_view(),
         name="publication-xlsx"),
]
